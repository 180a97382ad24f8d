namespace KeyWarden.Inventory;

/// <summary>
/// Provenance of one account's data: which source, how fresh, and whether reading it failed.
/// An account whose <see cref="Error"/> is set could not be evaluated and must never read as a pass.
/// <see cref="Notes"/> says what the source saw but did not turn into findings (a user deleted mid-read).
/// <see cref="Status"/> is the account's one end state; when not given it is <see cref="AccountStatus.Ok"/>
/// without an error and <see cref="AccountStatus.Error"/> with one. <see cref="AccountName"/> is the
/// organization's (or the accounts file's) name for the account, when known; <see cref="RoleArn"/> the role
/// assumed to read it (null for the credentials' own account).
/// </summary>
public sealed record SourceInfo(
    string? AccountId,
    string? Partition,
    SourceKind Kind,
    DateTimeOffset? DataAsOf,
    string? Error = null,
    string? Location = null,
    IReadOnlyList<string>? Notes = null,
    AccountStatus? Status = null,
    string? AccountName = null,
    string? RoleArn = null)
{
    public AccountStatus EffectiveStatus => Status ?? (Error is null ? AccountStatus.Ok : AccountStatus.Error);
}
