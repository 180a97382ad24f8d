using KeyWarden.Audit;
using KeyWarden.Inventory;

namespace KeyWarden.Reports;

/// <summary>
/// An account that could not be read (<see cref="SourceInfo.Error"/>) as a finding-shaped record, so that the
/// formats that have only findings (CSV, OCSF, ASFF) show it too, as ERROR / "could not evaluate": a consumer that
/// reads only findings must never take an unreadable account for a clean one. Not part of the audit's findings or
/// summary (JSON and HTML show the account's error in sources[] already). Its principal is
/// <see cref="Principal"/>, its resource the account (<c>arn:…:iam::ACCOUNT:root</c>).
/// </summary>
public static class AccountErrorFindings
{
    public const string Principal = "(account could not be read)";

    /// <summary>Where the account is not known either (STS failed, or a file without ARNs): the placeholder ASFF uses too.</summary>
    public const string UnknownAccount = "000000000000";

    /// <summary>One per rule that ran and account that could not be read: a consumer filtering by rule still sees the gap.</summary>
    public static IReadOnlyList<Finding> Of(AuditReport report) =>
        report.Sources.Where(s => s.Error is not null).SelectMany(s => report.Rules.Ids.Select(rule => For(s, rule))).ToList();

    public static bool Is(Finding finding) =>
        finding.Status == FindingStatus.Error && finding.Principal == Principal && finding.Keys.Count == 0 && !finding.IsRoot;

    /// <summary>The report's findings followed by one ERROR per account that could not be read.</summary>
    public static IEnumerable<Finding> WithAccountErrors(AuditReport report) => report.Findings.Concat(Of(report));

    private static Finding For(SourceInfo source, string ruleId) => new(
        ruleId,
        source.AccountId,
        source.Partition,
        Principal,
        $"arn:{source.Partition ?? "aws"}:iam::{source.AccountId ?? UnknownAccount}:root",
        IsRoot: false,
        FindingStatus.Error,
        Classification: null,
        ActiveKeyCount: 0,
        Keys: [],
        Decision: null,
        Message: $"could not evaluate the account: {source.Error}");
}
