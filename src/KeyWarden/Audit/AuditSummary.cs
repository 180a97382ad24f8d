namespace KeyWarden.Audit;

public sealed record AuditSummary(int Principals, int Pass, int Fail, int Warn, int Error, int Muted)
{
    public static AuditSummary Of(IReadOnlyCollection<Finding> findings) => new(
        findings.Count,
        findings.Count(f => f.Status == FindingStatus.Pass),
        findings.Count(f => f.Status == FindingStatus.Fail),
        findings.Count(f => f.Status == FindingStatus.Warn),
        findings.Count(f => f.Status == FindingStatus.Error),
        findings.Count(f => f.Status == FindingStatus.Muted));
}
