using KeyWarden.Audit;
using KeyWarden.Audit.Exceptions;
using KeyWarden.Audit.Rules;
using KeyWarden.Audit.Rules.MultipleActiveKeys;
using KeyWarden.Inventory;

namespace KeyWarden.Reports;

/// <summary>
/// The JSON contract (docs/reports.md), as records. Names are the contract: fields may be added, never renamed.
/// Other formats that need the same normalized view (HTML, OCSF, ASFF) can read this too.
/// </summary>
public sealed record ReportDocument(
    int SchemaVersion,
    ToolDocument Tool,
    string GeneratedAt,
    string AsOf,
    ParametersDocument Parameters,
    IReadOnlyList<SourceDocument> Sources,
    IReadOnlyList<FindingDocument> Findings,
    SummaryDocument Summary,
    IReadOnlyList<RuleDocument> Rules,
    IReadOnlyList<ExceptionDocument> Exceptions)
{
    public const int CurrentSchemaVersion = 1;

    public static ReportDocument From(AuditReport report, ToolInfo tool) => new(
        CurrentSchemaVersion,
        new ToolDocument(tool.Name, tool.Version),
        Timestamps.Format(report.GeneratedAt),
        Timestamps.Format(report.AsOf),
        ParametersDocument.From(report),
        report.Sources.Select(SourceDocument.From).ToList(),
        report.Findings.Select(FindingDocument.From).ToList(),
        SummaryDocument.From(report),
        report.Rules.Metadata.Select(RuleDocument.From).ToList(),
        (report.Exceptions ?? []).Select(ExceptionDocument.From).ToList());
}

public sealed record ToolDocument(string Name, string Version);

/// <summary>The run's thresholds; <see cref="Rules"/> the ids of the rules that ran, <see cref="Benchmark"/> the --benchmark (null: every version).</summary>
public sealed record ParametersDocument(
    int MaxKeyAgeDays, int InUseDays, int RotationGraceDays, bool TreatRotationAsWarning, int UnusedDays, IReadOnlyList<string> Rules, string? Benchmark)
{
    public static ParametersDocument From(AuditReport report) => new(
        report.Parameters.MaxKeyAgeDays,
        report.Parameters.InUseDays,
        report.Parameters.RotationGraceDays,
        report.Parameters.TreatRotationAsWarning,
        report.Parameters.UnusedDays,
        report.Rules.Ids.ToList(),
        report.Rules.Benchmark?.Name);

    // Value equality over the rule ids too (a record compares lists by reference).
    public bool Equals(ParametersDocument? other) =>
        other is not null && MaxKeyAgeDays == other.MaxKeyAgeDays && InUseDays == other.InUseDays && RotationGraceDays == other.RotationGraceDays
        && TreatRotationAsWarning == other.TreatRotationAsWarning && UnusedDays == other.UnusedDays && Benchmark == other.Benchmark
        && (Rules ?? []).SequenceEqual(other.Rules ?? []);

    public override int GetHashCode() => HashCode.Combine(MaxKeyAgeDays, InUseDays, RotationGraceDays, TreatRotationAsWarning, UnusedDays, Benchmark);
}

public sealed record SourceDocument(
    string? AccountId, string? Partition, string Kind, string? DataAsOf, string? Error, string? Location, IReadOnlyList<string> Notes,
    string Status, string? AccountName, string? RoleArn)
{
    public static SourceDocument From(SourceInfo source) => new(
        source.AccountId, source.Partition, source.Kind.ToContractName(), Timestamps.Format(source.DataAsOf), source.Error, source.Location, source.Notes ?? [],
        source.EffectiveStatus.ToContractName(), source.AccountName, source.RoleArn);
}

public sealed record FindingDocument(
    string RuleId,
    string? AccountId,
    string? Partition,
    string Principal,
    string? Arn,
    bool IsRoot,
    string Status,
    string? Classification,
    int ActiveKeyCount,
    IReadOnlyList<KeyDocument> Keys,
    DecisionDocument? Decision,
    string Message,
    string? MuteReason,
    string? Key)
{
    public static FindingDocument From(Finding finding) => new(
        finding.RuleId,
        finding.AccountId,
        finding.Partition,
        finding.Principal,
        finding.Arn,
        finding.IsRoot,
        finding.Status.ToContractName(),
        finding.Classification?.ToContractName(),
        finding.ActiveKeyCount,
        finding.Keys.Select(k => KeyDocument.From(k, finding.Decision)).ToList(),
        finding.Decision is { } d ? DecisionDocument.From(d) : null,
        finding.Message,
        finding.MuteReason,
        finding.Key);
}

public sealed record KeyDocument(
    string? Id,
    int? Slot,
    string Status,
    string? CreatedAt,
    int? AgeDays,
    string? LastUsedAt,
    string? LastUsedService,
    string? LastUsedRegion,
    int? DaysSinceLastUse,
    bool Operational,
    string? Action,
    string? LastUsedSource)
{
    public static KeyDocument From(KeyEvidence key, KeepDecision? decision) => new(
        key.Key.Id,
        key.Key.Slot,
        key.Key.Status.ToString(),
        Timestamps.Format(key.Key.CreatedAt),
        key.AgeDays,
        Timestamps.Format(key.Key.LastUsedAt),
        key.Key.LastUsedService,
        key.Key.LastUsedRegion,
        key.DaysSinceLastUse,
        key.IsOperational,
        KeyAction.Of(key, decision),
        key.Key.LastUsedSource?.ToContractName());
}

public sealed record DecisionDocument(string Keep, IReadOnlyList<string> Deactivate, IReadOnlyList<string> Reasons, bool RotateKeeper, bool NeedsReview)
{
    public static DecisionDocument From(KeepDecision d) => new(d.Keep, d.Deactivate, d.Reasons, d.RotateKeeper, d.NeedsReview);
}

/// <summary>
/// Counts of findings by status over every rule, <see cref="Findings"/> their total, and the same counts per rule that
/// ran (<see cref="ByRule"/>, in run order). The last two are absent from reports written before the rule family.
/// </summary>
public sealed record SummaryDocument(int Principals, int Pass, int Fail, int Warn, int Error, int Muted)
{
    public int? Findings { get; init; }

    public IReadOnlyDictionary<string, RuleSummaryDocument>? ByRule { get; init; }

    public static SummaryDocument From(AuditReport report) => Of(report.Summary) with
    {
        Findings = report.Summary.Findings,
        ByRule = AuditSummary.ByRule(report.Findings, report.Rules.Ids).ToDictionary(x => x.RuleId, x => RuleSummaryDocument.Of(x.Summary)),
    };

    private static SummaryDocument Of(AuditSummary s) => new(s.Principals, s.Pass, s.Fail, s.Warn, s.Error, s.Muted);
}

/// <summary>One rule's counts: the principals it judged and its findings by status.</summary>
public sealed record RuleSummaryDocument(int Principals, int Findings, int Pass, int Fail, int Warn, int Error, int Muted)
{
    public static RuleSummaryDocument Of(AuditSummary s) => new(s.Principals, s.Findings, s.Pass, s.Fail, s.Warn, s.Error, s.Muted);
}

public sealed record RuleDocument(
    string Id,
    string Title,
    string Severity,
    string Description,
    string Risk,
    string Remediation,
    IReadOnlyList<string> RemediationSteps,
    IReadOnlyDictionary<string, string> Cis,
    IReadOnlyList<string> References,
    string Scope,
    string? CisNote,
    bool Remediable,
    string Doc)
{
    public static RuleDocument From(RuleMetadata rule) => new(
        rule.Id, rule.Title, rule.Severity, rule.Description, rule.Risk, rule.Remediation, rule.RemediationSteps,
        ComplianceIds.Ordered(rule).ToDictionary(p => p.Key, p => p.Value), rule.References,
        rule.Scope.ToContractName(), rule.CisNote, rule.Remediable, rule.DocPath);
}

/// <summary>One entry of the --exceptions file and what it did: empty list when no file was given.</summary>
public sealed record ExceptionDocument(string? Account, string Principal, string? Rule, string Reason, string Expires, bool Expired, int Matched)
{
    public static ExceptionDocument From(ExceptionOutcome outcome) => new(
        outcome.Entry.Account, outcome.Entry.Principal, outcome.Entry.Rule, outcome.Entry.Reason, outcome.Entry.Expires, outcome.Expired, outcome.Matched);
}
