using KeyWarden.Audit;
using KeyWarden.Common;
using KeyWarden.Inventory;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace KeyWarden.Reports;

/// <summary>
/// The default terminal view: where the data came from, one row per principal that is not a pass
/// (all of them with --all), the per-key evidence and the keeper decision, then a summary line.
/// Every value from the data goes through <see cref="TerminalText.Escape"/> (a value) or <see cref="TerminalText.EscapeLine"/>
/// (a sentence, backslashes kept): a user name from an offline
/// CSV must not be able to send escape sequences or bidi overrides to the terminal (see <see cref="TerminalText"/>).
/// The table streams: it is rendered a chunk of rows at a time with column widths measured over all rows.
/// </summary>
public static class FindingsTable
{
    public static void Render(IAnsiConsole console, AuditReport report, bool showAll, bool summaryOnly = false) =>
        Render(console, report, showAll, summaryOnly, streamRows: true);

    /// <param name="streamRows">False: always one Spectre table (what the streamed rows must equal; tests compare the two).</param>
    /// <param name="summaryOnly">--quiet: only the summary line.</param>
    internal static void Render(IAnsiConsole console, AuditReport report, bool showAll, bool summaryOnly, bool streamRows)
    {
        if (!summaryOnly)
        {
            Body(console, report, showAll, streamRows);
        }

        Summary(console, report);
    }

    private static void Body(IAnsiConsole console, AuditReport report, bool showAll, bool streamRows)
    {
        var lines = new List<Segment>();
        foreach (var source in report.Sources)
        {
            WrappedLines.AppendWords(lines, DescribeSource(source, report.AsOf), console.Profile.Width, "  ");
        }

        console.Write(new RenderedSegments(lines));

        var manyAccounts = report.Sources.Select(x => x.AccountId).Distinct().Count() > 1;
        // One table per rule, in the order the rules ran, under a heading that names the rule and counts its findings:
        // a user can fail several rules, and a key-level rule once per key.
        var byRule = report.Findings.ToLookup(f => f.RuleId);
        foreach (var ruleId in report.FindingRuleIds())
        {
            var shown = FailuresFirst.Order(byRule[ruleId].Where(f => showAll || f.Status != FindingStatus.Pass)).Select(x => x.Finding).ToList();
            if (shown.Count == 0)
            {
                continue;
            }

            RuleHeading(console, report, ruleId, byRule[ruleId]);
            var layout = TableLayout.For(shown, manyAccounts);
            if (!streamRows || !TryRenderRows(console, shown, layout))
            {
                var table = NewTable(layout);
                foreach (var finding in shown)
                {
                    table.AddRow(Cells(finding, layout).Select(c => (IRenderable)c.ToParagraph()));
                }

                console.Write(table);
            }

            WriteReasons(console, shown, layout);
        }
    }

    /// <summary>
    /// The columns of one rule's table. A rule with a keeper decision (the single-key rule) has a Decision column of
    /// short flags; a rule without one (root, unused, rotation) has none: its messages are sentences, and like the
    /// reasons they go under the table, wrapped between words, rather than squeezing a column on a narrow terminal.
    /// </summary>
    internal sealed record TableLayout(bool ManyAccounts, bool Decision)
    {
        public static TableLayout For(IReadOnlyList<Finding> shown, bool manyAccounts) =>
            new(manyAccounts, shown.Any(f => f.Decision is not null));
    }

    /// <summary>"iam-access-key-unused: Ensure access keys unused for 45 days … — 2 fail, 1 error, 7 pass".</summary>
    private static void RuleHeading(IAnsiConsole console, AuditReport report, string ruleId, IEnumerable<Finding> findings)
    {
        var title = report.Rules.Contains(ruleId) ? report.Rules.Shown(ruleId).Title : null;
        var counts = findings.GroupBy(f => f.Status).OrderBy(g => FailuresFirst.Rank(g.Key))
            .Select(g => $"{g.Count().ToString(System.Globalization.CultureInfo.InvariantCulture)} {g.Key.ToContractName().ToLowerInvariant()}");
        var heading = new List<(string, Style)> { (TerminalText.Escape(ruleId), Bold) };
        if (title is not null)
        {
            heading.Add(($": {TerminalText.EscapeLine(title)}", Style.Plain));
        }

        heading.Add(($" — {string.Join(", ", counts)}", Grey));
        var line = new List<Segment>();
        WrappedLines.AppendWords(line, heading, console.Profile.Width, "  ");
        console.Write(new RenderedSegments(line));
    }

    private static void Summary(IAnsiConsole console, AuditReport report)
    {
        var s = report.Summary;
        // With one principal-level rule a finding is a principal; with several rules the counts are findings: say both.
        var counted = s.Findings == s.Principals && report.Rules.Rules.Count <= 1
            ? $"{s.Principals} principals: "
            : $"{s.Principals} principals, {s.Findings} findings: ";
        var summary = new List<(string, Style)>
        {
            (counted, Style.Plain), ($"{s.Pass} pass", Green), (", ", Style.Plain), ($"{s.Fail} fail", Red),
            (", ", Style.Plain), ($"{s.Warn} warn", Yellow), (", ", Style.Plain), ($"{s.Error} error", Magenta), (", ", Style.Plain),
            ($"{s.Muted} muted", Grey),
        };
        if (report.HasSourceErrors)
        {
            summary.Add((" ", Style.Plain));
            summary.Add(("— some accounts could not be evaluated", Magenta));
        }

        var summaryLine = new List<Segment>();
        WrappedLines.AppendWords(summaryLine, summary, console.Profile.Width, "  ");
        console.Write(new RenderedSegments(summaryLine));
    }

    /// <summary>
    /// Writes the table row by row from styled pieces, without one Spectre widget tree of everything: column widths are
    /// measured over all rows (and, when the table must shrink, taken from Spectre for the few rows that decide them),
    /// then every line is wrapped, padded and bordered as Spectre's rounded table lays it out (the bytes are the same;
    /// tests compare them at many widths). When the console cannot draw the rounded border, or a cell ends in
    /// whitespace (a paragraph quirk), the caller renders one Spectre table instead.
    /// </summary>
    internal static bool TryRenderRows(IAnsiConsole console, IReadOnlyList<Finding> shown, TableLayout layout)
    {
        if (!console.Profile.Capabilities.Unicode)
        {
            return false;
        }

        var headers = Headers(layout);
        var headerCells = headers.Select(h => new StyledCell([[new Segment(h)]])).ToList();
        var rightAligned = headers.Select(h => h == "Active").ToArray();
        var widths = headerCells.Select(c => c.Width).ToArray();
        var longestWords = headerCells.Select(c => c.LongestWord).ToArray();
        // Per column, the rows with the widest cell and the longest word: all Spectre's width calculation depends on.
        var widest = new Finding?[headers.Length];
        var wordiest = new Finding?[headers.Length];
        foreach (var finding in shown)
        {
            var cells = Cells(finding, layout);
            for (var i = 0; i < cells.Count; i++)
            {
                if (cells[i].EndsInWhitespace)
                {
                    return false; // a paragraph quirk at trailing whitespace (see WrappedLines): Spectre decides
                }

                if (cells[i].Width > widths[i])
                {
                    (widths[i], widest[i]) = (cells[i].Width, finding);
                }

                if (cells[i].LongestWord > longestWords[i])
                {
                    (longestWords[i], wordiest[i]) = (cells[i].LongestWord, finding);
                }
            }
        }

        // One vertical line per column edge, and one space of padding on each side of every cell.
        if (widths.Sum() + (3 * widths.Length) + 1 > console.Profile.Width)
        {
            // Too wide: Spectre shrinks columns and wraps their cells; take its widths, wrap like its paragraphs.
            if (SpectreWidths(console, widest.Concat(wordiest).OfType<Finding>().Distinct().ToList(), layout) is not { } collapsed)
            {
                return false;
            }

            // Spectre would fold a word (a key id, a user name) or crop a header: shrink by our own rule instead.
            widths = collapsed.Where((w, i) => w < longestWords[i]).Any()
                ? Shrink(widths, longestWords, console.Profile.Width - (3 * widths.Length) - 1)
                : collapsed;
        }

        var lines = new List<Segment>();
        void Flush()
        {
            console.Write(new RenderedSegments(lines));
            lines = [];
        }

        Border(lines, widths, "╭", "─", "┬", "╮");
        if (!Row(lines, widths, rightAligned, headerCells))
        {
            return false;
        }

        Border(lines, widths, "├", "─", "┼", "┤");
        var count = 0;
        var written = false;
        foreach (var finding in shown)
        {
            if (!Row(lines, widths, rightAligned, Cells(finding, layout)))
            {
                // Cannot happen once the trailing-whitespace check passed; before anything is written, Spectre takes over.
                if (!written)
                {
                    return false;
                }

                throw new InvalidOperationException("a table cell could not be laid out after rows were written");
            }

            if (++count % 200 == 0)
            {
                Flush();
                written = true;
            }
        }

        Border(lines, widths, "╰", "─", "┴", "╯");
        Flush();
        return true;
    }

    /// <summary>
    /// The column widths Spectre gives the whole table when it must shrink it: read off the top border of a table of
    /// the header and the few rows that hold each column's widest cell and longest word (Spectre's widths depend on
    /// those measurements only). Null when the border is not the rounded one.
    /// </summary>
    private static int[]? SpectreWidths(IAnsiConsole console, IReadOnlyList<Finding> decisive, TableLayout layout)
    {
        var table = NewTable(layout);
        foreach (var finding in decisive)
        {
            table.AddRow(Cells(finding, layout).Select(c => (IRenderable)c.ToParagraph()));
        }

        var segments = ((IRenderable)table).Render(RenderOptions.Create(console, console.Profile.Capabilities), console.Profile.Width);
        var top = string.Concat(Segment.SplitLines(segments)[0].Select(x => x.Text));
        if (!top.StartsWith('╭') || !top.EndsWith('╮'))
        {
            return null;
        }

        var widths = top[1..^1].Split('┬').Select(part => part.Length - 2).ToArray();
        return widths.Length == Headers(layout).Length && widths.All(w => w >= 0) ? widths : null;
    }

    /// <summary>
    /// Column widths that fit <paramref name="available"/> cells where they can, never below a column's longest word:
    /// the widest column gives up a cell at a time. Where even the words do not fit, the table is wider than the
    /// console rather than cut an id in two.
    /// </summary>
    internal static int[] Shrink(int[] natural, int[] longestWords, int available)
    {
        var widths = (int[])natural.Clone();
        var excess = widths.Sum() - available;
        while (excess > 0)
        {
            var column = -1;
            for (var i = 0; i < widths.Length; i++)
            {
                if (widths[i] > longestWords[i] && (column < 0 || widths[i] > widths[column]))
                {
                    column = i;
                }
            }

            if (column < 0)
            {
                break;
            }

            widths[column]--;
            excess--;
        }

        return widths;
    }

    private static void Border(List<Segment> output, int[] widths, string left, string line, string separator, string right)
    {
        var text = new System.Text.StringBuilder(left);
        for (var i = 0; i < widths.Length; i++)
        {
            text.Append(i > 0 ? separator : string.Empty);
            text.Insert(text.Length, line, widths[i] + 2);
        }

        output.Add(new Segment(text.Append(right).ToString()));
        output.Add(Segment.LineBreak);
    }

    /// <returns>False when a cell line cannot be laid out like Spectre's paragraph (see <see cref="WrappedLines.Wrap"/>).</returns>
    private static bool Row(List<Segment> output, int[] widths, bool[] rightAligned, IReadOnlyList<StyledCell> cells)
    {
        var laid = new List<List<List<Segment>>>(cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            var physical = new List<List<Segment>>();
            foreach (var line in cells[i].Lines)
            {
                if (line.Sum(p => CellLength(p.Text)) <= widths[i])
                {
                    physical.Add([.. line]);
                }
                else if (WrappedLines.Wrap(line, widths[i]) is { } wrapped)
                {
                    physical.AddRange(wrapped);
                }
                else
                {
                    return false;
                }
            }

            laid.Add(physical);
        }

        var height = Math.Max(1, laid.Max(c => c.Count));
        for (var line = 0; line < height; line++)
        {
            for (var i = 0; i < laid.Count; i++)
            {
                output.Add(new Segment(i == 0 ? "│ " : " │ "));
                var pieces = line < laid[i].Count ? laid[i][line] : [];
                var padding = widths[i] - pieces.Sum(p => CellLength(p.Text));
                if (rightAligned[i] && padding > 0)
                {
                    output.Add(new Segment(new string(' ', padding)));
                }

                output.AddRange(pieces);
                if (!rightAligned[i] && padding > 0)
                {
                    output.Add(new Segment(new string(' ', padding)));
                }
            }

            output.Add(new Segment(" │"));
            output.Add(Segment.LineBreak);
        }

        return true;
    }

    /// <summary>Terminal cells of a text: one per printable ASCII character, else as Spectre counts (wide and zero-width characters).</summary>
    private static int CellLength(string text)
    {
        foreach (var ch in text)
        {
            if (ch is < ' ' or > '~')
            {
                return new Segment(text).CellCount();
            }
        }

        return text.Length;
    }

    private static string[] Headers(TableLayout layout) =>
    [
        "Status", "Principal", .. layout.ManyAccounts ? new[] { "Account" } : [], "Active", "Keys: age · last used",
        .. layout.Decision ? new[] { "Decision" } : [],
    ];

    private static Table NewTable(TableLayout layout)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in Headers(layout))
        {
            var column = new TableColumn(header);
            table.AddColumn(header == "Active" ? column.RightAligned() : column);
        }

        return table;
    }

    /// <summary>A cell as lines of styled pieces: written directly by the row renderer, or as a paragraph into a Spectre table.</summary>
    private sealed record StyledCell(IReadOnlyList<IReadOnlyList<Segment>> Lines)
    {
        private int? _width;
        private int? _longestWord;

        public int Width => _width ??= Lines.Count == 0 ? 0 : Lines.Max(l => l.Sum(p => CellLength(p.Text)));

        /// <summary>The widest word (what a column cannot shrink below without folding it).</summary>
        public int LongestWord => _longestWord ??= Lines.Count == 0 ? 0
            : Lines.Max(l => string.Concat(l.Select(p => p.Text)).Split((char[]?)null).Max(CellLength));

        public bool EndsInWhitespace => Lines.Any(l => l.Count > 0 && l[^1].Text.Length > 0 && char.IsWhiteSpace(l[^1].Text[^1]));

        public static StyledCell Of(params Segment[] line) => new([line]);

        public Paragraph ToParagraph()
        {
            var paragraph = new Paragraph();
            for (var i = 0; i < Lines.Count; i++)
            {
                if (i > 0)
                {
                    paragraph.Append("\n");
                }

                foreach (var piece in Lines[i])
                {
                    paragraph.Append(piece.Text, piece.Style);
                }
            }

            return paragraph;
        }
    }

    private static List<StyledCell> Cells(Finding finding, TableLayout layout)
    {
        var principal = new List<Segment> { new(TerminalText.Escape(finding.Principal)) };
        if (finding.IsRoot)
        {
            principal.Add(new Segment(" "));
            principal.Add(new Segment("(root)", Grey));
        }

        var cells = new List<StyledCell> { StyledCell.Of(StatusSegment(finding.Status)), new([principal]) };
        if (layout.ManyAccounts)
        {
            cells.Add(StyledCell.Of(new Segment(TerminalText.Escape(finding.AccountId ?? "-"))));
        }

        cells.Add(StyledCell.Of(new Segment(finding.ActiveKeyCount.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        cells.Add(new([.. finding.Keys.Select(k => KeyLine(k, finding))]));
        if (layout.Decision)
        {
            cells.Add(DecisionCell(finding));
        }

        return cells;
    }

    /// <summary>Segments already laid out, written as they are.</summary>
    private sealed class RenderedSegments(List<Segment> segments) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => new(maxWidth, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) => segments;
    }

    private static List<(string, Style)> DescribeSource(SourceInfo source, DateTimeOffset asOf)
    {
        var account = source.AccountId is null ? "unknown account" : $"account {TerminalText.Escape(source.AccountId)}";
        var where = source.Location is null ? string.Empty : $" ({TerminalText.EscapeLine(source.Location)})";
        if (source.Error is { } error)
        {
            return [($"{account}: could not evaluate", Magenta), ($" via {source.Kind.ToContractName()}{where}: {TerminalText.EscapeLine(error)}", Style.Plain)];
        }

        var age = source.DataAsOf is { } dataAsOf
            ? $"data as of {Timestamps.Format(dataAsOf)} ({DescribeAge(asOf - dataAsOf)} before the audit instant)"
            : "data age unknown";
        return [($"{account} via {source.Kind.ToContractName()}{where}; {age}", Grey)];
    }

    private static string DescribeAge(TimeSpan age) => age switch
    {
        { TotalMinutes: < 1 } => "less than a minute",
        { TotalHours: < 1 } => $"{(int)age.TotalMinutes} min",
        { TotalDays: < 2 } => $"{(int)age.TotalHours} h",
        _ => $"{(int)age.TotalDays} days",
    };

    // Parsed like markup, so that a piece written directly looks exactly as the markup did.
    private static readonly Style Grey = Style.Parse("grey");
    private static readonly Style Bold = Style.Parse("bold");
    private static readonly Style Green = Style.Parse("green");
    private static readonly Style Red = Style.Parse("red");
    private static readonly Style Yellow = Style.Parse("yellow");
    private static readonly Style Magenta = Style.Parse("magenta");
    private static readonly Style RedBold = Style.Parse("red bold");
    private static readonly Style MagentaBold = Style.Parse("magenta bold");

    private static Segment StatusSegment(FindingStatus status) => status switch
    {
        FindingStatus.Pass => new("PASS", Green),
        FindingStatus.Fail => new("FAIL", RedBold),
        FindingStatus.Warn => new("WARN", Yellow),
        FindingStatus.Error => new("ERROR", MagentaBold),
        FindingStatus.Muted => new("MUTED", Grey),
        _ => new(status.ToContractName()),
    };

    private static List<Segment> KeyLine(KeyEvidence key, Finding finding)
    {
        var line = new List<Segment>();
        switch (KeyAction.Of(key, finding.Decision))
        {
            case KeyAction.Keep:
                line.Add(new Segment("keep", Green));
                line.Add(new Segment(" "));
                break;
            case KeyAction.Deactivate:
                line.Add(new Segment("deactivate", Red));
                line.Add(new Segment(" "));
                break;
        }

        if (!key.Key.IsActive)
        {
            line.Add(new Segment("(inactive)", Grey));
            line.Add(new Segment(" "));
        }

        var age = key.AgeDays is { } a ? $"{a} d" : "age ?";
        // The same words as the reasons and messages (KeyEvidence.LastUse); the service and region come from the data.
        line.Add(new Segment($"{TerminalText.Escape(key.Reference)} · {age} · {TerminalText.EscapeLine(key.LastUse)}"));
        return line;
    }

    private static StyledCell DecisionCell(Finding finding)
    {
        if (finding.Decision is not { } decision)
        {
            // A sentence may hold line breaks of its own (escaped ones stay literal): one line each, like a paragraph.
            return new([.. TerminalText.EscapeLine(finding.Message).Split('\n').Select(l => (IReadOnlyList<Segment>)[new Segment(l)])]);
        }

        var flags = new List<IReadOnlyList<Segment>>();
        if (finding.Classification is { } c)
        {
            flags.Add([new Segment(c.ToContractName())]);
        }

        if (decision.NeedsReview)
        {
            flags.Add([new Segment("needs review", Yellow)]);
        }

        if (decision.RotateKeeper)
        {
            flags.Add([new Segment("rotate kept key", Yellow)]);
        }

        if (finding.MuteReason is { } mute)
        {
            flags.Add([new Segment($"muted: {TerminalText.Escape(mute)}")]);
        }

        return new(flags);
    }

    // Reasons are sentences: below the table they wrap as text instead of squeezing a column.
    private static void WriteReasons(IAnsiConsole console, IReadOnlyList<Finding> shown, TableLayout layout)
    {
        // Wrapped between words only (an id is never cut), continuation lines indented under their reason.
        var maxWidth = console.Profile.Width;
        var batch = new List<Segment>();
        var count = 0;
        Finding? previous = null;
        // Without a Decision column, every finding that is not a pass says what was found under the table.
        foreach (var finding in shown.Where(f => f.Decision is not null || (!layout.Decision && f.Status != FindingStatus.Pass)))
        {
            // A principal's findings in a row (one per key of a key-level rule) share its title line.
            if (previous is null || previous.Principal != finding.Principal || previous.AccountId != finding.AccountId)
            {
                var title = new List<(string, Style)> { (TerminalText.Escape(finding.Principal), Bold) };
                if (finding.AccountId is { } account)
                {
                    title.Add((" ", Style.Plain));
                    title.Add(($"({TerminalText.Escape(account)})", Grey));
                }

                WrappedLines.AppendWords(batch, title, maxWidth, "  ");
            }

            previous = finding;
            var reasons = finding.Decision?.Reasons ?? [finding.Status == FindingStatus.Muted && finding.MuteReason is { } mute ? $"{finding.Message} (muted: {mute})" : finding.Message];
            foreach (var reason in reasons)
            {
                WrappedLines.AppendWords(batch, [($"  • {TerminalText.EscapeLine(reason)}", Style.Plain)], maxWidth, "    ");
            }

            if (++count % 100 == 0)
            {
                console.Write(new RenderedSegments(batch));
                batch = [];
            }
        }

        console.Write(new RenderedSegments(batch));
    }
}
