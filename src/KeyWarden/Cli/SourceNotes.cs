using KeyWarden.Audit;
using KeyWarden.Inventory;

namespace KeyWarden.Cli;

/// <summary>Tells on stderr what the report's sources say beside the findings: account errors and notes.</summary>
internal static class SourceNotes
{
    public static void Tell(Terminal terminal, AuditReport report)
    {
        foreach (var source in report.Sources)
        {
            var account = source.AccountId is null ? "account" : $"account {source.AccountId}";
            if (source.Error is { } error)
            {
                terminal.Err.WriteLine($"keywarden: error: {account}: could not evaluate: {error}");
            }

            // An old offline report read "as of now" makes every key look unused; say how to audit it as of its day.
            if (source.Kind == Inventory.SourceKind.CredentialReportFile && source.DataAsOf is { } dataAsOf && report.AsOf - dataAsOf > TimeSpan.FromDays(1))
            {
                terminal.Note($"keywarden: note: {account}: the report's newest data is from {Reports.Timestamps.Format(dataAsOf)}, "
                    + $"{(int)(report.AsOf - dataAsOf).TotalDays} days before the audit instant; to judge it as of its own day: --as-of {Reports.Timestamps.Format(dataAsOf)}");
            }

            if (source.EffectiveStatus == Inventory.AccountStatus.Skipped)
            {
                terminal.Note($"keywarden: note: {account}: skipped: {string.Join("; ", source.Notes ?? [])}");
                continue;
            }

            // A fleet's per-account notes (report age, emulator quirks) would bury its errors: they stay in the report.
            if (report.Sources.Count > 1)
            {
                continue;
            }

            foreach (var note in source.Notes ?? [])
            {
                terminal.Note($"keywarden: note: {account}: {note}");
            }
        }

        // A fleet run ends with one line that accounts for every account.
        if (report.Sources.Count > 1)
        {
            var counts = report.Sources.GroupBy(s => s.EffectiveStatus).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToContractName()}");
            var notes = report.Sources.Where(s => s.EffectiveStatus != AccountStatus.Skipped).Sum(s => s.Notes?.Count ?? 0);
            terminal.Note($"keywarden: {report.Sources.Count} account(s): {string.Join(", ", counts)}"
                + (notes > 0 ? $"; {notes} note(s) on them are in the report (JSON sources[].notes, the HTML accounts table)" : string.Empty));
        }
    }
}
