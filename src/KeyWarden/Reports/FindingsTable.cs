using KeyWarden.Audit;
using KeyWarden.Common;
using KeyWarden.Inventory;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace KeyWarden.Reports;

/// <summary>
/// The default terminal view: where the data came from, one row per principal that is not a pass
/// (all of them with --all), the per-key evidence and the keeper decision, then a summary line.
/// Every value from the data goes through <see cref="Value"/> or <see cref="Sentence"/>: a user name from an offline
/// CSV must not be able to send escape sequences or bidi overrides to the terminal (see <see cref="TerminalText"/>).
/// </summary>
public static class FindingsTable
{
    public static void Render(IAnsiConsole console, AuditReport report, bool showAll)
    {
        foreach (var source in report.Sources)
        {
            console.MarkupLine(DescribeSource(source, report.AsOf));
        }

        var shown = report.Findings.Where(f => showAll || f.Status != FindingStatus.Pass).ToList();
        if (shown.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("Status");
            table.AddColumn("Principal");
            var manyAccounts = report.Sources.Select(x => x.AccountId).Distinct().Count() > 1;
            if (manyAccounts)
            {
                table.AddColumn("Account");
            }

            table.AddColumn(new TableColumn("Active").RightAligned());
            table.AddColumn("Keys: age · last used");
            table.AddColumn("Decision");

            foreach (var finding in shown)
            {
                var cells = new List<IRenderable>
                {
                    new Markup(StatusMarkup(finding.Status)),
                    new Markup(Value(finding.Principal) + (finding.IsRoot ? " [grey](root)[/]" : string.Empty)),
                };
                if (manyAccounts)
                {
                    cells.Add(new Text(TerminalText.Escape(finding.AccountId ?? "-")));
                }

                cells.Add(new Text(finding.ActiveKeyCount.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                cells.Add(new Markup(string.Join('\n', finding.Keys.Select(k => KeyLine(k, finding)))));
                cells.Add(new Markup(DecisionText(finding)));
                table.AddRow(cells);
            }

            console.Write(table);
            WriteReasons(console, shown);
        }

        var s = report.Summary;
        console.MarkupLine(
            $"{s.Principals} principals: [green]{s.Pass} pass[/], [red]{s.Fail} fail[/], [yellow]{s.Warn} warn[/], [magenta]{s.Error} error[/], [grey]{s.Muted} muted[/]"
            + (report.HasSourceErrors ? " [magenta]— some accounts could not be evaluated[/]" : string.Empty));
    }

    private static string DescribeSource(SourceInfo source, DateTimeOffset asOf)
    {
        var account = source.AccountId is null ? "unknown account" : $"account {Value(source.AccountId)}";
        var where = source.Location is null ? string.Empty : $" ({Sentence(source.Location)})";
        if (source.Error is { } error)
        {
            return $"[magenta]{account}: could not evaluate[/] via {source.Kind.ToContractName()}{where}: {Sentence(error)}";
        }

        var age = source.DataAsOf is { } dataAsOf
            ? $"data as of {Timestamps.Format(dataAsOf)} ({DescribeAge(asOf - dataAsOf)} before the audit instant)"
            : "data age unknown";
        return $"[grey]{account} via {source.Kind.ToContractName()}{where}; {age}[/]";
    }

    private static string DescribeAge(TimeSpan age) => age switch
    {
        { TotalMinutes: < 1 } => "less than a minute",
        { TotalHours: < 1 } => $"{(int)age.TotalMinutes} min",
        { TotalDays: < 2 } => $"{(int)age.TotalHours} h",
        _ => $"{(int)age.TotalDays} days",
    };

    private static string StatusMarkup(FindingStatus status) => status switch
    {
        FindingStatus.Pass => "[green]PASS[/]",
        FindingStatus.Fail => "[red bold]FAIL[/]",
        FindingStatus.Warn => "[yellow]WARN[/]",
        FindingStatus.Error => "[magenta bold]ERROR[/]",
        FindingStatus.Muted => "[grey]MUTED[/]",
        _ => status.ToContractName(),
    };

    private static string KeyLine(KeyEvidence key, Finding finding)
    {
        var action = KeyAction.Of(key, finding.Decision) switch
        {
            KeyAction.Keep => "[green]keep[/] ",
            KeyAction.Deactivate => "[red]deactivate[/] ",
            _ => string.Empty,
        };
        var status = key.Key.IsActive ? string.Empty : "[grey](inactive)[/] ";
        var age = key.AgeDays is { } a ? $"{a}d" : "age ?";
        var used = key.DaysSinceLastUse is { } u
            ? $"used {u}d ago" + (key.Key.LastUsedService is { } svc ? $" {Value(svc)}" : string.Empty)
            : "never used";
        return $"{action}{status}{Value(key.Reference)} · {age} · {used}";
    }

    private static string DecisionText(Finding finding)
    {
        if (finding.Decision is not { } decision)
        {
            return Sentence(finding.Message);
        }

        var flags = new List<string>();
        if (finding.Classification is { } c)
        {
            flags.Add(c.ToContractName());
        }

        if (decision.NeedsReview)
        {
            flags.Add("[yellow]needs review[/]");
        }

        if (decision.RotateKeeper)
        {
            flags.Add("[yellow]rotate kept key[/]");
        }

        if (finding.MuteReason is { } mute)
        {
            flags.Add($"muted: {Value(mute)}");
        }

        return string.Join('\n', flags);
    }

    // Reasons are sentences: below the table they wrap as text instead of squeezing a column.
    private static void WriteReasons(IAnsiConsole console, IReadOnlyList<Finding> shown)
    {
        foreach (var finding in shown.Where(f => f.Decision is not null))
        {
            console.MarkupLine($"[bold]{Value(finding.Principal)}[/]{(finding.AccountId is { } a ? $" [grey]({Value(a)})[/]" : string.Empty)}");
            foreach (var reason in finding.Decision!.Reasons)
            {
                console.MarkupLine($"  • {Sentence(reason)}");
            }
        }
    }

    // One value from the data (a name, an id, a service): unsafe characters and backslashes escaped, then markup-escaped.
    private static string Value(string? value) => Markup.Escape(TerminalText.Escape(value));

    // A sentence of ours around data (a reason, an error, a path): unsafe characters escaped, backslashes kept.
    private static string Sentence(string? text) => Markup.Escape(TerminalText.EscapeLine(text));
}
