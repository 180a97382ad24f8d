namespace KeyWarden.Accounts;

/// <summary>
/// One account to read. <see cref="State"/> is Organizations' <c>State</c> (ACTIVE, PENDING_ACTIVATION, SUSPENDED,
/// PENDING_CLOSURE, CLOSED), or null when it is not known (ids given by <c>--accounts</c> or an accounts file).
/// The role fields are the accounts file's per-account overrides: <see cref="RoleArn"/> when the file gives a full role
/// ARN, <see cref="RoleName"/> when it gives a role name (or <c>path/name</c>), which only becomes an ARN once the
/// partition is known; <see cref="ExternalId"/> when the file gives one.
/// </summary>
public sealed record AccountTarget(
    string AccountId,
    string? Name = null,
    string? State = null,
    string? RoleArn = null,
    string? ExternalId = null,
    string? RoleName = null)
{
    /// <summary>True when the entry carries a role override of its own (an ARN, a name or an external id).</summary>
    public bool HasRoleOverride => RoleArn is not null || RoleName is not null || ExternalId is not null;

    /// <summary>
    /// The role to assume in this account: the file's ARN, else the file's role name, else <paramref name="defaultRoleName"/>
    /// (<c>--role-name</c>), as an ARN of <paramref name="partition"/>. A file's ARN of another partition is an input
    /// error: STS would refuse it for every attempt, and the file, not the account, is what needs fixing.
    /// </summary>
    public string RoleArnIn(string partition, string defaultRoleName)
    {
        if (RoleArn is null)
        {
            return RoleParameters.RoleArn(partition, AccountId, RoleName ?? defaultRoleName);
        }

        return RoleArn.StartsWith($"arn:{partition}:", StringComparison.Ordinal)
            ? RoleArn
            : throw KeyWardenException.Input($"account {AccountId}: the accounts file's role {RoleArn} is not in partition {partition}, the partition of this run");
    }
}
