using KeyWarden.Audit;

namespace KeyWarden.Reports;

/// <summary>
/// What changed between two saved reports, by account and principal (and rule, and key for a key-level rule): FAILs
/// that are new, FAILs that were resolved, FAILs still failing, and FAILs the new report cannot speak for (its account
/// was not read, or is absent): a missing finding is only "resolved" when the account was read and the principal is
/// gone or passes now.
/// </summary>
public sealed record SavedReportDiff(
    SavedReportDiffSide Old,
    SavedReportDiffSide New,
    IReadOnlyList<SavedReportDiffEntry> NewFails,
    IReadOnlyList<SavedReportDiffEntry> Resolved,
    IReadOnlyList<SavedReportDiffEntry> StillFailing,
    IReadOnlyList<SavedReportDiffEntry> NotEvaluated)
{
    public static SavedReportDiff Of(SavedReport old, SavedReport current)
    {
        var before = Index(old.Report);
        var after = Index(current.Report);
        var readAccounts = current.Report.Sources.Where(s => s.Error is null).Select(s => s.AccountId).ToHashSet();

        var newFails = new List<SavedReportDiffEntry>();
        var resolved = new List<SavedReportDiffEntry>();
        var still = new List<SavedReportDiffEntry>();
        var notEvaluated = new List<SavedReportDiffEntry>();
        foreach (var (key, now) in after)
        {
            before.TryGetValue(key, out var then);
            if (IsFail(now))
            {
                (IsFail(then) ? still : newFails).Add(Entry(now, then, now));
            }
        }

        foreach (var (key, then) in before)
        {
            if (!IsFail(then))
            {
                continue;
            }

            after.TryGetValue(key, out var now);
            if (IsFail(now))
            {
                continue;
            }

            // An ERROR finding, or no finding in an account the new run did not read, says nothing about the key.
            var evaluated = now is null ? readAccounts.Contains(then.AccountId) : now.Status != FindingStatus.Error;
            (evaluated ? resolved : notEvaluated).Add(Entry(then, then, now));
        }

        return new SavedReportDiff(Side(old), Side(current), Sorted(newFails), Sorted(resolved), Sorted(still), Sorted(notEvaluated));
    }

    public bool HasNewFails => NewFails.Count > 0;

    private static bool IsFail(Finding? finding) => finding?.Status == FindingStatus.Fail;

    private static Dictionary<(string? Account, string Principal, string Rule, string Key), Finding> Index(AuditReport report)
    {
        var index = new Dictionary<(string?, string, string, string), Finding>();
        foreach (var finding in report.Findings)
        {
            // IAM user names are unique regardless of case within an account. A key-level rule has one finding per key:
            // without the key in the index a user's second failing key would be dropped.
            index.TryAdd((finding.AccountId, finding.Principal.ToLowerInvariant(), finding.RuleId, finding.Key ?? string.Empty), finding);
        }

        return index;
    }

    private static SavedReportDiffEntry Entry(Finding shown, Finding? then, Finding? now) => new(
        shown.AccountId, shown.Principal, shown.Arn, shown.RuleId, shown.Key, then?.Status.ToContractName(), now?.Status.ToContractName(), (now ?? shown).Message);

    private static List<SavedReportDiffEntry> Sorted(List<SavedReportDiffEntry> entries) =>
        [.. entries.OrderBy(e => e.AccountId, StringComparer.Ordinal).ThenBy(e => e.Principal, StringComparer.Ordinal).ThenBy(e => e.RuleId, StringComparer.Ordinal).ThenBy(e => e.Key, StringComparer.Ordinal)];

    private static SavedReportDiffSide Side(SavedReport saved) =>
        new(saved.Name, Timestamps.Format(saved.Report.GeneratedAt), Timestamps.Format(saved.Report.AsOf));
}
