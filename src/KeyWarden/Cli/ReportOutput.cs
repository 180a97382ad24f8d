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
                WriteFile(path, writer => WriteOne(report, format, writer, settings, writers, terminal));
                terminal.Note($"wrote {path}");
            }

            return;
        }

        var single = settings.Formats[0];
        if (settings.Output is { } output)
        {
            WriteFile(output, writer => WriteOne(report, single, writer, settings, writers, terminal));
            terminal.Note($"wrote {output}");
        }
        else if (single == TableFormat)
        {
            if (terminal.OutIsTerminal && settings.Color == "auto")
            {
                // On a terminal: its own width and colour detection (NO_COLOR included), as Spectre found them.
                FindingsTable.Render(terminal.Out, report, settings.All, settings.Quiet);
            }
            else
            {
                // Written straight to stdout's writer, as a file would be: `> file` and `-o file` give the same text.
                var width = terminal.OutIsTerminal ? terminal.Out.Profile.Width : OffTerminalWidth(terminal);
                var color = settings.Color == "always"
                    ? (terminal.OutIsTerminal && terminal.Out.Profile.Capabilities.ColorSystem != ColorSystem.NoColors ? terminal.Out.Profile.Capabilities.ColorSystem : ColorSystem.Standard)
                    : ColorSystem.NoColors;
                var writer = new NonClosingWriter(terminal.Out.Profile.Out.Writer);
                FindingsTable.Render(TableConsole(writer, width, color), report, settings.All, settings.Quiet);
                writer.Flush();
            }
        }
        else
        {
            // Streamed to stdout through the redactor (it holds text only until a line ends), never one string in memory.
            var stdout = new Common.SecretRedactorTextWriter(new NonClosingWriter(terminal.Out.Profile.Out.Writer), Common.SecretRedactor.Process);
            writers[single].Write(report, stdout);
            stdout.Flush();
        }
    }

    private static void WriteOne(AuditReport report, string format, TextWriter writer, AuditSettings settings, IReadOnlyDictionary<string, IReportWriter> writers, Terminal terminal)
    {
        if (format == TableFormat)
        {
            // A file is off a terminal: the same width and colour rules as stdout redirected to a file.
            FindingsTable.Render(TableConsole(writer, OffTerminalWidth(terminal), settings.Color == "always" ? ColorSystem.Standard : ColorSystem.NoColors), report, settings.All, settings.Quiet);
        }
        else
        {
            writers[format].Write(report, writer);
        }
    }

    /// <summary>No width limit: lines are as long as their content (a table row, a reason); nothing is wrapped for a window.</summary>
    public const int NoWidthLimit = 1_000_000;

    /// <summary>The table's width off a terminal: COLUMNS when it is a positive number, else no width limit.</summary>
    internal static int OffTerminalWidth(Terminal terminal) => OffTerminalWidth(terminal.Environment("COLUMNS"));

    internal static int OffTerminalWidth(string? columnsVariable) => Columns(columnsVariable) is { } columns ? Math.Min(columns, NoWidthLimit) : NoWidthLimit;

    /// <summary>COLUMNS when it is a positive whole number; null otherwise (unset, empty, "abc", "0").</summary>
    internal static int? Columns(string? columnsVariable) =>
        int.TryParse(columnsVariable, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var columns) && columns > 0
            ? columns
            : null;

    /// <summary>A console for the table with its width and colour decided here, not detected from the process.</summary>
    internal static IAnsiConsole TableConsole(TextWriter writer, int width, ColorSystem color)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = color == ColorSystem.NoColors ? AnsiSupport.No : AnsiSupport.Yes,
            ColorSystem = color switch
            {
                ColorSystem.NoColors => ColorSystemSupport.NoColors,
                ColorSystem.Legacy => ColorSystemSupport.Legacy,
                ColorSystem.Standard => ColorSystemSupport.Standard,
                ColorSystem.EightBit => ColorSystemSupport.EightBit,
                _ => ColorSystemSupport.TrueColor,
            },
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        console.Profile.Capabilities.Unicode = true;
        return console;
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
