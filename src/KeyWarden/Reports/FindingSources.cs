using KeyWarden.Audit;
using KeyWarden.Inventory;

namespace KeyWarden.Reports;

/// <summary>Finds the source (kind, data age) a finding came from, by account, as the CSV writer does.</summary>
public sealed class FindingSources
{
    private readonly Dictionary<string, SourceInfo> _byAccount;
    private readonly SourceInfo? _first;

    public FindingSources(AuditReport report)
    {
        _byAccount = report.Sources.Where(s => s.AccountId is not null).DistinctBy(s => s.AccountId).ToDictionary(s => s.AccountId!);
        _first = report.Sources.FirstOrDefault();
    }

    public SourceInfo? For(Finding finding) =>
        finding.AccountId is { } id && _byAccount.TryGetValue(id, out var source) ? source : _first;
}
