using KeyWarden.Audit.Exceptions;
using KeyWarden.Inventory;

namespace KeyWarden.Audit;

/// <summary>
/// The outcome of one audit run: parameters, the sources read (with their errors), the findings and, when an
/// exceptions file was applied, what each of its entries did.
/// </summary>
public sealed record AuditReport(
    DateTimeOffset GeneratedAt,
    DateTimeOffset AsOf,
    AuditParameters Parameters,
    IReadOnlyList<SourceInfo> Sources,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<ExceptionOutcome>? Exceptions = null)
{
    public AuditSummary Summary { get; } = AuditSummary.Of(Findings);

    /// <summary>The rules that ran (and the benchmark whose CIS ids the reports show); by default what the parameters select.</summary>
    public Rules.RuleSet Rules { get; init; } = Audit.Rules.RuleRegistry.Select(Parameters);

    /// <summary>
    /// The rules the findings are grouped under, in run order, then any other rule a finding names (a saved report of a
    /// newer tool): what the table and the HTML report list, so that no finding is left out of both.
    /// </summary>
    public IReadOnlyList<string> FindingRuleIds() =>
        Rules.Ids.Concat(Findings.Select(f => f.RuleId)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>True when some account could not be read at all: the run cannot claim a pass for it.</summary>
    public bool HasSourceErrors => Sources.Any(s => s.Error is not null);
}
