using System.Text.Json;
using KeyWarden.Common;

namespace KeyWarden.Reports;

/// <summary>A diff as text (by account, then principal; data escaped for the terminal) or as JSON (exact data, docs/reports.md).</summary>
public static class SavedReportDiffWriter
{
    public const int SchemaVersion = 1;

    public static void WriteJson(SavedReportDiff diff, TextWriter output)
    {
        var document = new
        {
            schemaVersion = SchemaVersion,
            kind = "keywarden-report-diff",
            old = diff.Old,
            @new = diff.New,
            summary = new { newFails = diff.NewFails.Count, resolved = diff.Resolved.Count, stillFailing = diff.StillFailing.Count, notEvaluated = diff.NotEvaluated.Count },
            newFails = diff.NewFails,
            resolved = diff.Resolved,
            stillFailing = diff.StillFailing,
            notEvaluated = diff.NotEvaluated,
        };
        output.WriteLine(JsonSerializer.Serialize(document, JsonReportWriter.Options));
    }

    public static void WriteText(SavedReportDiff diff, TextWriter output)
    {
        output.WriteLine($"old: {TerminalText.Escape(diff.Old.File)} (as of {diff.Old.AsOf})");
        output.WriteLine($"new: {TerminalText.Escape(diff.New.File)} (as of {diff.New.AsOf})");
        var rows = diff.NewFails.Select(e => ("NEW FAIL", e))
            .Concat(diff.Resolved.Select(e => ("RESOLVED", e)))
            .Concat(diff.StillFailing.Select(e => ("STILL FAILING", e)))
            .Concat(diff.NotEvaluated.Select(e => ("NOT EVALUATED", e)))
            .GroupBy(r => r.e.AccountId)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var account in rows)
        {
            output.WriteLine();
            output.WriteLine($"account {TerminalText.Escape(account.Key ?? "(no account id)")}");
            foreach (var (change, e) in account.OrderBy(r => r.e.Principal, StringComparer.Ordinal).ThenBy(r => r.e.RuleId, StringComparer.Ordinal).ThenBy(r => r.e.Key, StringComparer.Ordinal))
            {
                var was = $"{e.OldStatus ?? "absent"} -> {e.NewStatus ?? "absent"}";
                // The rule (and key) label the line: one user can fail several rules, and a key-level rule once per key.
                var what = e.Key is null ? e.RuleId : $"{e.RuleId} {e.Key}";
                output.WriteLine($"  {change,-13}  {TerminalText.Escape(e.Principal)}  {TerminalText.Escape(what)}  ({was}): {TerminalText.Escape(e.Message)}");
            }
        }

        output.WriteLine();
        output.WriteLine($"{diff.NewFails.Count} new FAIL, {diff.Resolved.Count} resolved, {diff.StillFailing.Count} still failing, {diff.NotEvaluated.Count} not evaluated");
    }
}
