using KeyWarden.Audit;
using KeyWarden.Audit.Exceptions;
using KeyWarden.Common;
using KeyWarden.Reports;

namespace KeyWarden.Cli;

/// <summary>The edge of exceptions: reads --exceptions (input errors exit 2) and tells on stderr which entries have expired.</summary>
internal static class ExceptionsFile
{
    public static readonly IReadOnlyCollection<string> KnownRules = Audit.Rules.RuleRegistry.Ids;

    public static ExceptionList? Load(string? path)
    {
        if (path is null)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw KeyWardenException.Input($"--exceptions: {path}: no such file");
        }

        try
        {
            return ExceptionFileParser.Parse(ReadBounded(path), path, KnownRules);
        }
        catch (ExceptionFileException e)
        {
            throw KeyWardenException.Input(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw KeyWardenException.Input($"{path}: cannot read: {e.Message}", e);
        }
    }

    private static string ReadBounded(string path) =>
        BoundedTextFile.Read(path, ExceptionFileParser.MaxFileSize)
        ?? throw KeyWardenException.Input($"{path}: larger than {ExceptionFileParser.MaxFileSize / 1024 / 1024} MiB; not an exceptions file");

    public static void Tell(Terminal terminal, AuditReport report)
    {
        foreach (var outcome in (report.Exceptions ?? []).Where(o => o.Expired))
        {
            var entry = outcome.Entry;
            var scope = entry.Account is null ? entry.Principal : $"{entry.Principal} in account {entry.Account}";
            var effect = outcome.Matched > 0
                ? $"{outcome.Matched} finding(s) it matches are reported unmuted"
                : "it matches no finding";
            terminal.Note($"keywarden: note: exception for {scope} (line {entry.Line}) expired {entry.Expires} (audit as of {Timestamps.Format(report.AsOf)}): {effect}");
        }
    }
}
