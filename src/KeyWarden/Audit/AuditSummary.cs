namespace KeyWarden.Audit;

/// <summary>
/// Counts over findings (every rule's: the exit code reads these). <see cref="Principals"/> is how many distinct
/// principals (account, name) the findings are about; <see cref="Findings"/> how many findings there are, which with one
/// principal-level rule is the same number.
/// </summary>
public sealed record AuditSummary(int Principals, int Pass, int Fail, int Warn, int Error, int Muted)
{
    public int Findings => Pass + Fail + Warn + Error + Muted;

    public static AuditSummary Of(IReadOnlyCollection<Finding> findings) => new(
        findings.Select(f => (f.AccountId, f.Principal)).Distinct().Count(),
        findings.Count(f => f.Status == FindingStatus.Pass),
        findings.Count(f => f.Status == FindingStatus.Fail),
        findings.Count(f => f.Status == FindingStatus.Warn),
        findings.Count(f => f.Status == FindingStatus.Error),
        findings.Count(f => f.Status == FindingStatus.Muted));

    /// <summary>The same counts for each rule, in the order the rules ran.</summary>
    public static IReadOnlyList<(string RuleId, AuditSummary Summary)> ByRule(IReadOnlyList<Finding> findings, IEnumerable<string> ruleIds) =>
        ruleIds.Select(id => (id, Of(findings.Where(f => f.RuleId == id).ToList()))).ToList();
}
