using KeyWarden.Aws;
using KeyWarden.Aws.Sts;

namespace KeyWarden.Accounts;

/// <summary>
/// The hub credentials and one session per account reached from them: the credentials' own account directly, every
/// other through AssumeRole (refreshed by the connection before it expires). Before a session is handed out, STS is
/// asked in that account, so a role that lands elsewhere is an error, never a read of the wrong account.
/// </summary>
public sealed class AccountConnections : IDisposable
{
    private readonly RoleChoice _role;
    private readonly List<AwsConnection> _opened = [];

    private AccountConnections(AwsConnection hub, CallerIdentity hubIdentity, RoleChoice role)
    {
        Hub = hub;
        HubIdentity = hubIdentity;
        _role = role;
    }

    public AwsConnection Hub { get; }

    /// <summary>Who the credentials are in their own account: the account read directly.</summary>
    public CallerIdentity HubIdentity { get; }

    /// <summary>Asks STS who the hub credentials are (it needs no permission); AWS failures propagate to the caller.</summary>
    public static async Task<AccountConnections> OpenAsync(AwsConnection hub, RoleChoice role, CancellationToken cancellationToken)
    {
        var identity = await hub.Sts.GetCallerIdentityAsync(cancellationToken);
        return new AccountConnections(hub, identity, role);
    }

    /// <summary>The role ARN a session into <paramref name="accountId"/> assumes, or null when it is the hub's own account.</summary>
    public string? RoleArnFor(string accountId, string? roleArn) =>
        roleArn ?? (accountId == HubIdentity.Account ? null : RoleParameters.RoleArn(HubIdentity.Partition, accountId, _role.RoleName));

    /// <summary>
    /// A session in <paramref name="accountId"/>: the hub itself for its own account (unless a role is named for it),
    /// else AssumeRole. AWS failures (a refused AssumeRole: AccessDenied) propagate, for the caller to turn into the
    /// account's status; a role that answers for another account throws <see cref="AccountMismatchException"/>.
    /// </summary>
    public async Task<AccountSession> OpenSessionAsync(string accountId, string? roleArn, string? externalId, CancellationToken cancellationToken)
    {
        var role = RoleArnFor(accountId, roleArn);
        if (role is null)
        {
            return new AccountSession(Hub, HubIdentity, null);
        }

        var connection = await Hub.AssumeRoleAsync(new AssumeRoleOptions(role, _role.SessionName, externalId ?? _role.ExternalId, _role.Duration), cancellationToken);
        lock (_opened)
        {
            _opened.Add(connection);
        }

        var identity = await connection.Sts.GetCallerIdentityAsync(cancellationToken);
        if (identity.Account != accountId)
        {
            throw new AccountMismatchException($"assuming {role} gave credentials for account {identity.Account}, not {accountId}");
        }

        return new AccountSession(connection, identity, role);
    }

    /// <summary>
    /// The one line a failed session open is reported with: the AWS failure, prefixed with the role when the failure
    /// does not already name it (the AssumeRole refusal does; a failure after it, of STS in the account, may not).
    /// </summary>
    public static string DescribeOpenFailure(string? roleArn, AwsFailure failure) =>
        roleArn is not null && !failure.OneLineMessage.Contains(roleArn, StringComparison.Ordinal)
            ? $"could not assume {roleArn}: {failure.OneLineMessage}"
            : failure.OneLineMessage;

    /// <summary>Disposes every assumed-role connection (not the hub: its owner disposes it).</summary>
    public void Dispose()
    {
        lock (_opened)
        {
            foreach (var connection in _opened)
            {
                connection.Dispose();
            }

            _opened.Clear();
        }
    }
}
