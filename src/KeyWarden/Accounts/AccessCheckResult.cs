namespace KeyWarden.Accounts;

/// <summary>
/// What check-access found in one account: one entry per check (<see cref="AccessCheck"/> names them), each
/// <c>ok</c>, <c>denied</c>, <c>error</c> or <c>not-checked</c> with a detail. <see cref="Passed"/> when every check
/// that ran is ok and every check the run needs ran.
/// </summary>
public sealed record AccessCheckResult(
    string AccountId,
    string? AccountName,
    string? RoleArn,
    string Status,
    IReadOnlyList<AccessCheckStep> Checks)
{
    public bool Passed => Status == "ok";
}

/// <summary>One check: its name (<c>assume-role</c>, <c>sts</c>, <c>credential-report</c>, <c>list-users</c>, <c>list-access-keys</c>, <c>update-access-key</c>), result and detail.</summary>
public sealed record AccessCheckStep(string Check, string Result, string Detail);
