using KeyWarden.Audit;
using KeyWarden.Audit.Exceptions;
using KeyWarden.Inventory;

namespace KeyWarden.Reports;

/// <summary>
/// Combines saved reports of different accounts or shards into one: sources and findings concatenated in input order,
/// the summary recomputed, the exceptions merged. An account in two inputs is an error unless <c>latest</c>, which keeps
/// that account's sources and findings from the input generated last. Pure: the inputs are already read.
/// </summary>
public static class SavedReportMerger
{
    /// <summary>The key for sources and findings that name no account (a credential report file read without one).</summary>
    private const string NoAccount = "(no account id)";

    public static AuditReport Merge(IReadOnlyList<SavedReport> inputs, bool latest)
    {
        if (inputs.Count < 2)
        {
            throw KeyWardenException.Usage("report merge: give at least two reports");
        }

        var first = inputs[0];
        foreach (var other in inputs.Skip(1))
        {
            if (other.Report.Parameters != first.Report.Parameters)
            {
                // Findings judged with different thresholds cannot share one report's "parameters".
                throw KeyWardenException.Input(
                    $"{other.Name}: audited with other parameters than {first.Name} ({Describe(other.Report.Parameters)} vs {Describe(first.Report.Parameters)}); merge reports of one policy");
            }
        }

        // For every account: the input that supplies it (the only one, or with --latest the newest by generatedAt).
        var owner = new Dictionary<string, SavedReport>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            foreach (var account in AccountsOf(input.Report))
            {
                if (!owner.TryGetValue(account, out var seen))
                {
                    owner[account] = input;
                }
                else if (!latest)
                {
                    throw KeyWardenException.Input($"account {account} is in both {seen.Name} and {input.Name}; keep the newest with --latest");
                }
                else if (input.Report.GeneratedAt > seen.Report.GeneratedAt)
                {
                    owner[account] = input;
                }
            }
        }

        var sources = new List<SourceInfo>();
        var findings = new List<Finding>();
        foreach (var input in inputs)
        {
            sources.AddRange(input.Report.Sources.Where(s => owner[Key(s.AccountId)] == input));
            findings.AddRange(input.Report.Findings.Where(f => owner[Key(f.AccountId)] == input));
        }

        return new AuditReport(
            inputs.Max(i => i.Report.GeneratedAt),
            inputs.Max(i => i.Report.AsOf),
            first.Report.Parameters,
            sources,
            findings,
            MergeExceptions(inputs.Where(i => owner.ContainsValue(i))));
    }

    private static IEnumerable<string> AccountsOf(AuditReport report) =>
        report.Sources.Select(s => Key(s.AccountId)).Concat(report.Findings.Select(f => Key(f.AccountId))).Distinct(StringComparer.Ordinal);

    private static string Key(string? accountId) => accountId ?? NoAccount;

    /// <summary>One entry per distinct exception (the same file applied to every shard): matches summed, expired if it was anywhere.</summary>
    private static List<ExceptionOutcome> MergeExceptions(IEnumerable<SavedReport> inputs) =>
        inputs.SelectMany(i => i.Report.Exceptions ?? [])
            .GroupBy(e => (e.Entry.Account, e.Entry.Principal, e.Entry.Rule, e.Entry.Reason, e.Entry.Expires))
            .Select(g => new ExceptionOutcome(g.First().Entry, g.Any(e => e.Expired), g.Sum(e => e.Matched)))
            .ToList();

    private static string Describe(AuditParameters p) =>
        $"max-key-age {p.MaxKeyAgeDays}, in-use-days {p.InUseDays}, rotation-grace-days {p.RotationGraceDays}{(p.TreatRotationAsWarning ? ", rotation as warning" : string.Empty)}";
}
