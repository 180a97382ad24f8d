using System.Text.RegularExpressions;

namespace KeyWarden.Remediation;

/// <summary>
/// The shapes of the identifiers plan and journal files carry. A file that names something IAM would never
/// accept (hand-edited, or garbage) is refused before any call is made with it.
/// </summary>
internal static partial class IamIdentifiers
{
    [GeneratedRegex(@"^[0-9]{12}\z")]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex(@"^[A-Z0-9]{16,128}\z")]
    private static partial Regex AccessKeyIdPattern();

    [GeneratedRegex(@"^slot:[0-9]{1,3}\z")]
    private static partial Regex SlotReferencePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]{1,128}\z")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex(@"^[0-9a-f]{64}\z")]
    private static partial Regex Sha256HexPattern();

    // A role path and name: IAM allows [\w+=,.@-] in names and / between path segments; 512 is the path bound, 64 the name's.
    [GeneratedRegex(@"^/?(?:[A-Za-z0-9_+=,.@-]{1,64}/){0,16}[A-Za-z0-9_+=,.@-]{1,64}\z")]
    private static partial Regex RolePathAndNamePattern();

    /// <summary>Whether <paramref name="arn"/> is <c>arn:PARTITION:iam::ACCOUNT:role/[path/]NAME</c> for exactly that partition and account.</summary>
    public static bool IsRoleArnOf(string arn, string partition, string accountId)
    {
        var prefix = $"arn:{partition}:iam::{accountId}:role/";
        return arn.Length <= 2048 && arn.StartsWith(prefix, StringComparison.Ordinal) && RolePathAndNamePattern().IsMatch(arn[prefix.Length..]);
    }

    public static bool IsAccountId(string? text) => text is not null && AccountIdPattern().IsMatch(text);

    public static bool IsAccessKeyId(string? text) => text is not null && AccessKeyIdPattern().IsMatch(text);

    public static bool IsSlotReference(string? text) => text is not null && SlotReferencePattern().IsMatch(text);

    public static bool IsUserName(string? text) => text is not null && UserNamePattern().IsMatch(text);

    public static bool IsSha256Hex(string? text) => text is not null && Sha256HexPattern().IsMatch(text);
}
