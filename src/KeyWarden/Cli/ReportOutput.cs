using System.Text;
using KeyWarden.Audit;
using KeyWarden.Cli.Settings;
using KeyWarden.Reports;
using Spectre.Console;

namespace KeyWarden.Cli;

/// <summary>Writes an audit report in the requested formats to stdout, --output or --output-dir.</summary>
internal static class ReportOutput
{
    public const string TableFormat = "table";

    /// <param name="region">--region: the region ASFF and OCSF findings name (else the partition's default).</param>
    public static IReadOnlyDictionary<string, IReportWriter> Writers(ToolInfo tool, string? region = null) =>
        new IReportWriter[]
        {
            new JsonReportWriter(tool),
            new CsvReportWriter(),
            new HtmlReportWriter(tool),
            new JUnitReportWriter(tool),
            new OcsfReportWriter(tool, region),
            new AsffReportWriter(tool, region),
        }.ToDictionary(w => w.Format);

    public static IReadOnlyList<string> KnownFormats(ToolInfo tool) => [TableFormat, .. Writers(tool).Keys];

    public static void Write(AuditReport report, AuditSettings settings, Terminal terminal, ToolInfo tool)
    {
        var writers = Writers(tool, settings.Region);
        foreach (var format in settings.Formats)
        {
            if (format != TableFormat && !writers.ContainsKey(format))
            {
                throw KeyWardenException.Usage($"--format: unknown format '{format}'; known: {string.Join(", ", KnownFormats(tool))}");
            }
        }

        if (settings.OutputDir is { } dir)
        {
            Directory.CreateDirectory(dir);
            foreach (var format in settings.Formats)
            {
                var extension = format == TableFormat ? "txt" : writers[format].FileExtension;
                var path = Path.Combine(dir, $"keywarden-report.{extension}");
                WriteFile(path, writer => WriteOne(report, format, writer, settings, writers));
                terminal.Note($"wrote {path}");
            }

            return;
        }

        var single = settings.Formats[0];
        if (settings.Output is { } output)
        {
            WriteFile(output, writer => WriteOne(report, single, writer, settings, writers));
            terminal.Note($"wrote {output}");
        }
        else if (single == TableFormat)
        {
            FindingsTable.Render(terminal.Out, report, settings.All);
        }
        else
        {
            // Streamed to stdout through the redactor (it holds text only until a line ends), never one string in memory.
            var stdout = new Common.SecretRedactorTextWriter(new NonClosingWriter(terminal.Out.Profile.Out.Writer), Common.SecretRedactor.Process);
            writers[single].Write(report, stdout);
            stdout.Flush();
        }
    }

    private static void WriteOne(AuditReport report, string format, TextWriter writer, AuditSettings settings, IReadOnlyDictionary<string, IReportWriter> writers)
    {
        if (format == TableFormat)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Out = new AnsiConsoleOutput(writer),
                Interactive = InteractionSupport.No,
            });
            console.Profile.Width = 160;
            FindingsTable.Render(console, report, settings.All);
        }
        else
        {
            writers[format].Write(report, writer);
        }
    }

    /// <summary>Lets the redactor be flushed without closing stdout.</summary>
    private sealed class NonClosingWriter(TextWriter inner) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(value);

        public override void Write(string? value) => inner.Write(value);

        public override void Write(char[] buffer, int index, int count) => inner.Write(buffer, index, count);

        public override void Flush() => inner.Flush();
    }

    /// <summary>Writes next to the target, then renames, so a reader never sees half a report.</summary>
    internal static void WriteFile(string path, Action<TextWriter> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw KeyWardenException.Usage($"{path}: directory {directory} does not exist");
        }

        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var writer = new Common.SecretRedactorTextWriter(new StreamWriter(temp, append: false, new UTF8Encoding(false)), Common.SecretRedactor.Process))
            {
                write(writer);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw KeyWardenException.Runtime($"{path}: cannot write: {e.Message}", e);
        }
    }
}
