namespace KeyWarden.Accounts;

/// <summary>An account that was a candidate but is not read, and why ("state SUSPENDED", "excluded by --exclude-accounts").</summary>
public sealed record SkippedAccount(AccountTarget Account, string Reason);
