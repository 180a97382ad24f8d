namespace KeyWarden.Inventory;

/// <summary>
/// Whether the root user has access keys, when a source knows it without root's row (the IAM API never lists root's
/// keys: GetAccountSummary's <c>AccountAccessKeysPresent</c> says only that some exist, not whether they are active).
/// <see cref="Present"/> null means it could not be read; <see cref="Unknown"/> says why.
/// </summary>
public sealed record RootKeysPresence(bool? Present, string? Unknown = null, string Evidence = "GetAccountSummary AccountAccessKeysPresent");
