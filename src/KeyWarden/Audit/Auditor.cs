using KeyWarden.Audit.Rules;
using KeyWarden.Audit.Rules.MultipleActiveKeys;
using KeyWarden.Inventory;

namespace KeyWarden.Audit;

/// <summary>
/// Turns inventories into findings: every selected rule (<see cref="RuleRegistry"/>) over every account, in registry
/// order. Pure: the audit instant is passed in, so an old report can be audited as of its own day and every result is
/// reproducible.
/// </summary>
public static class Auditor
{
    public static AuditReport Audit(
        IReadOnlyList<AccountInventory> inventories,
        AuditParameters parameters,
        DateTimeOffset asOf,
        DateTimeOffset generatedAt)
    {
        var rules = RuleRegistry.Select(parameters);
        var context = new RuleContext(parameters, asOf);
        var findings = inventories
            .SelectMany(inventory => rules.Rules.SelectMany(rule => rule.Evaluate(inventory, context)))
            .ToList();
        return new AuditReport(generatedAt, asOf, parameters, inventories.Select(i => i.Source).ToList(), findings) { Rules = rules };
    }

    /// <summary>The single-active-key rule's finding for one principal (what the tool had before it had a rule family).</summary>
    public static Finding Evaluate(SourceInfo source, PrincipalKeys principal, AuditParameters parameters, DateTimeOffset asOf) =>
        MultipleActiveKeysRule.Evaluate(source, principal, new RuleContext(parameters, asOf));

    /// <summary>The CIS ids of "Ensure no 'root' user account access key exists", by benchmark version.</summary>
    public const string RootKeyCisIds = Rules.RootAccessKey.RootAccessKeyRule.CisText;

    public static KeyEvidence Evidence(AccessKey key, AuditParameters parameters, DateTimeOffset asOf) =>
        new RuleContext(parameters, asOf).Evidence(key);
}
