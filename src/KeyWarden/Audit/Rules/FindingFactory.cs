using KeyWarden.Inventory;

namespace KeyWarden.Audit.Rules;

/// <summary>How a rule's findings are built, so that every rule fills the shared fields (account, principal, keys) alike.</summary>
internal static class FindingFactory
{
    public static Finding For(
        RuleMetadata rule, SourceInfo source, PrincipalKeys principal, FindingStatus status, IReadOnlyList<KeyEvidence> keys,
        string message, string? key = null, Classification? classification = null, Rules.MultipleActiveKeys.KeepDecision? decision = null) => new(
        rule.Id,
        source.AccountId,
        source.Partition,
        principal.Name,
        principal.Arn,
        principal.IsRoot,
        status,
        classification,
        principal.ActiveKeyCount,
        keys,
        decision,
        message,
        Key: key);

    /// <summary>A principal whose keys could not be read: ERROR for every rule that looks at it, never a pass.</summary>
    public static Finding Unreadable(RuleMetadata rule, SourceInfo source, PrincipalKeys principal, string error) =>
        For(rule, source, principal, FindingStatus.Error, [], $"could not evaluate: {error}");

    public static string Days(int? days) => days == 1 ? "1 day" : $"{days} days";
}
