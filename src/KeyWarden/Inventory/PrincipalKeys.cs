namespace KeyWarden.Inventory;

/// <summary>
/// An IAM user (or the account root) and its access keys. <see cref="ReadError"/> is set when the
/// keys could not be read; the auditor turns that into an ERROR finding, never a pass.
/// </summary>
public sealed record PrincipalKeys(
    string Name,
    string? Arn,
    bool IsRoot,
    IReadOnlyList<AccessKey> Keys,
    string? ReadError = null)
{
    public const string RootName = "<root_account>";

    public int ActiveKeyCount => Keys.Count(k => k.IsActive);
}
