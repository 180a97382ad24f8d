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

    /// <summary>
    /// A key-level rule over IAM users (root's keys are the root rule's): one finding per Active key as
    /// <paramref name="judge"/> decides, one PASS for a user with none, one ERROR for a user whose keys could not be read.
    /// </summary>
    public static IEnumerable<Finding> PerActiveKey(
        RuleMetadata rule, AccountInventory account, RuleContext context, Func<KeyEvidence, (FindingStatus Status, string Message)> judge)
    {
        foreach (var principal in account.Principals.Where(p => !p.IsRoot))
        {
            if (principal.ReadError is { } error)
            {
                yield return Unreadable(rule, account.Source, principal, error);
                continue;
            }

            var active = context.Evidence(principal).Where(k => k.Key.IsActive).ToList();
            if (active.Count == 0)
            {
                yield return For(rule, account.Source, principal, FindingStatus.Pass, [], "no active access keys");
                continue;
            }

            foreach (var key in active)
            {
                var (status, message) = judge(key);
                yield return For(rule, account.Source, principal, status, [key], message, key: key.Reference);
            }
        }
    }
}
