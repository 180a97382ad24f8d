namespace KeyWarden.Accounts;

/// <summary>
/// How every account but the credentials' own is reached: the role to assume there (a name or path/name, made into
/// the account's role ARN), the session name CloudTrail shows, the ExternalId and the session lifetime. An accounts
/// file's per-account role ARN and ExternalId win over these.
/// </summary>
public sealed record RoleChoice(string RoleName, string SessionName, string? ExternalId, TimeSpan? Duration);
