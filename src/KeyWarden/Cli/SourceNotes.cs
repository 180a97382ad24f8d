using KeyWarden.Audit;

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

            foreach (var note in source.Notes ?? [])
            {
                terminal.Note($"keywarden: note: {account}: {note}");
            }
        }
    }
}
