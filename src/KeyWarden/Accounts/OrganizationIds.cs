using System.Text.RegularExpressions;

namespace KeyWarden.Accounts;

/// <summary>The shapes of Organizations ids (botocore's ParentId pattern: a root r-… or an OU ou-…-…).</summary>
public static partial class OrganizationIds
{
    [GeneratedRegex(@"^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$")]
    private static partial Regex ParentIdPattern();

    public static bool IsParentId(string text) => ParentIdPattern().IsMatch(text);
}
