using KeyWarden.Audit;
using KeyWarden.Common;
using KeyWarden.Inventory;
using KeyWarden.Reports;
using Spectre.Console.Testing;

namespace KeyWarden.Tests.Reports;

/// <summary>The streamed table (rows written directly, reasons laid out without widgets) is byte for byte Spectre's own table.</summary>
public sealed class FindingsTableTests
{
    public static TheoryData<string> Reports() => ["sample", "every-status", "unreadable-accounts", "many-accounts", "hostile"];

    private static AuditReport Report(string name) => name switch
    {
        "sample" => TestData.SampleReport(),
        "every-status" => ReportFixtures.EveryStatus(),
        "unreadable-accounts" => ReportFixtures.WithUnreadableAccounts(),
        "many-accounts" => ManyAccounts(),
        _ => Hostile(),
    };

    private static AuditReport ManyAccounts()
    {
        AccessKey Key(string id, int created, int? used) =>
            new(id, null, KeyStatus.Active, TestData.AsOf.AddDays(-created), used is { } u ? TestData.AsOf.AddDays(-u) : null, used is null ? null : "s3", "eu-west-1");
        var inventories = Enumerable.Range(0, 3).Select(a => new AccountInventory(
            new SourceInfo($"11112222333{a}", "aws", SourceKind.Auto, TestData.AsOf.AddHours(-2)),
            [.. Enumerable.Range(0, 40).Select(i => new PrincipalKeys($"user-{a}-{i}", null, i == 0 && a == 0,
                [Key($"AKIA{a}{i:D3}0000000001", 300 + i, i % 4 == 0 ? null : i), Key($"AKIA{a}{i:D3}0000000002", 10 + i, i % 3 == 0 ? null : 1)]))])).ToList();
        return Auditor.Audit(inventories, TestData.SingleRule, TestData.AsOf, TestData.GeneratedAt);
    }

    private static AuditReport Hostile()
    {
        var names = new[] { "evil\u001b]0;x\u0007", "rlo\u202egnp", "wide日本語ユーザー", "spaced name here", "[bold]markup[/]", "a\\b" };
        var principals = names.Select((n, i) => new PrincipalKeys(n, null, false,
        [
            new AccessKey(null, 1, KeyStatus.Active, TestData.AsOf.AddDays(-200), TestData.AsOf.AddDays(-i), "s\u202e3", null),
            new AccessKey(null, 2, KeyStatus.Active, TestData.AsOf.AddDays(-20), null, null, null),
        ])).ToList();
        return Auditor.Audit([new AccountInventory(new SourceInfo("111122223333", "aws", SourceKind.CredentialReportFile, TestData.AsOf), principals)],
            TestData.SingleRule, TestData.AsOf, TestData.GeneratedAt);
    }

    private static string Render(AuditReport report, int width, bool ansi, bool all, bool stream)
    {
        var console = new TestConsole().Width(width);
        if (ansi)
        {
            console.EmitAnsiSequences();
        }

        FindingsTable.Render(console, report, all, summaryOnly: false, streamRows: stream);
        return console.Output;
    }

    /// <summary>What must never be cut across lines: every key id, account id and word of a principal's name, as shown.</summary>
    private static IReadOnlyList<string> UnbreakableWords(AuditReport report) =>
    [
        .. report.Findings.SelectMany(f => TerminalText.Escape(f.Principal).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Concat(f.AccountId is { } a ? [a] : [])
            .Concat(f.Keys.Select(k => k.Key.Id).OfType<string>())).Distinct(),
    ];

    private static int Occurrences(string text, string word)
    {
        var count = 0;
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Wrapping moves words between lines, never changes how many whole ones there are: fewer means one was cut.</summary>
    private static string? CutWord(AuditReport report, string output, string unlimited) =>
        UnbreakableWords(report).Concat(TableWords(unlimited)).FirstOrDefault(w => Occurrences(output, w) != Occurrences(unlimited, w));

    /// <summary>Every word in the table's cells (at no width limit nothing is wrapped): what Spectre may fold and we may not.</summary>
    private static IEnumerable<string> TableWords(string unlimited) =>
        unlimited.Split('\n').Where(l => l.StartsWith('│'))
            .SelectMany(l => l.Split(['│', ' '], StringSplitOptions.RemoveEmptyEntries)).Where(w => w.Length > 3).Distinct();

    [Theory]
    [MemberData(nameof(Reports))]
    public void Streamed_rows_are_the_bytes_of_one_Spectre_table_wherever_Spectre_cuts_no_word(string name)
    {
        var report = Report(name);
        foreach (var width in new[] { 30, 40, 47, 55, 64, 71, 80, 90, 100, 111, 120, 133, 145, 160, 200, 250 })
        {
            foreach (var ansi in new[] { false, true })
            {
                foreach (var all in new[] { false, true })
                {
                    var unlimited = Render(report, KeyWarden.Cli.ReportOutput.NoWidthLimit, ansi, all, stream: true);
                    var expected = Render(report, width, ansi, all, stream: false);
                    var actual = Render(report, width, ansi, all, stream: true);
                    if (CutWord(report, expected, unlimited) is null)
                    {
                        Assert.True(expected == actual, $"{name}, width {width}, ansi {ansi}, all {all}\nexpected:\n{expected}\nactual:\n{actual}");
                    }
                    else
                    {
                        // Spectre would fold an id or a name here; ours keeps every one whole (wider than the console if it must).
                        Assert.True(CutWord(report, actual, unlimited) is null, $"{name}, width {width}: '{CutWord(report, actual, unlimited)}' cut\n{actual}");
                    }
                }
            }
        }
    }

    public static TheoryData<int> Widths() => [20, 60, 80, 200, KeyWarden.Cli.ReportOutput.NoWidthLimit];

    [Theory]
    [MemberData(nameof(Widths))]
    public void Every_key_id_appears_whole_on_a_line_at_any_width(int width)
    {
        var report = ManyAccounts();
        var ids = report.Findings.SelectMany(f => f.Keys).Select(k => k.Key.Id!).ToList();
        Assert.Equal(240, ids.Count);
        var output = Render(report, width, ansi: false, all: true, stream: true);
        var lines = output.Split('\n');
        foreach (var id in ids)
        {
            Assert.Contains(lines, l => l.Contains(id, StringComparison.Ordinal));
        }

        Assert.Null(CutWord(report, output, Render(report, KeyWarden.Cli.ReportOutput.NoWidthLimit, ansi: false, all: true, stream: true)));
        Assert.Contains(lines, l => l.Contains("user-2-39", StringComparison.Ordinal) && l.Contains("111122223332", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void No_line_ends_in_whitespace(string name)
    {
        var report = Report(name);
        foreach (var width in new[] { 20, 30, 47, 60, 80, 200, KeyWarden.Cli.ReportOutput.NoWidthLimit })
        {
            var output = Render(report, width, ansi: false, all: true, stream: true);
            var bad = output.Split('\n').FirstOrDefault(l => l.Length > 0 && char.IsWhiteSpace(l[^1]));
            Assert.True(bad is null, $"{name}, width {width}: '{bad}'");
        }
    }

    [Fact]
    public void Quiet_shows_only_the_summary_line()
    {
        var report = TestData.SampleReport(new AuditParameters());
        var console = new TestConsole().Width(120);

        FindingsTable.Render(console, report, showAll: true, summaryOnly: true);

        var lines = console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var summary = Assert.Single(lines);
        var s = report.Summary;
        Assert.Equal($"{s.Principals} principals, {s.Findings} findings: {s.Pass} pass, {s.Fail} fail, {s.Warn} warn, {s.Error} error, {s.Muted} muted", summary);
    }

    [Fact]
    public void Every_rule_has_its_own_table_under_a_heading_with_its_counts_failures_first()
    {
        // All rules over the sample: each rule's findings under its own heading, in the order the rules ran; with --all
        // the FAIL rows come before the PASS rows inside each table.
        var report = TestData.SampleReport(new AuditParameters());
        var lines = Render(report, KeyWarden.Cli.ReportOutput.NoWidthLimit, ansi: false, all: true, stream: true).Split('\n');

        var headings = lines.Select((l, i) => (Line: l, Index: i)).Where(x => report.Rules.Ids.Any(id => x.Line.StartsWith(id + ": ", StringComparison.Ordinal))).ToList();
        Assert.Equal(report.Rules.Ids.ToList(), headings.Select(h => h.Line[..h.Line.IndexOf(':', StringComparison.Ordinal)]).ToList());
        for (var h = 0; h < headings.Count; h++)
        {
            var ruleId = report.Rules.Ids.ElementAt(h);
            var findings = report.Findings.Where(f => f.RuleId == ruleId).ToList();
            var counts = findings.GroupBy(f => f.Status).Select(g => $"{g.Count()} {g.Key.ToContractName().ToLowerInvariant()}").ToList();
            Assert.EndsWith(" — " + string.Join(", ", counts.OrderBy(c => c.Contains("fail") ? 0 : c.Contains("error") ? 1 : c.Contains("warn") ? 2 : c.Contains("muted") ? 3 : 4)), headings[h].Line, StringComparison.Ordinal);
            var end = h + 1 < headings.Count ? headings[h + 1].Index : lines.Length;
            var statuses = lines[headings[h].Index..end].Where(l => l.StartsWith("│ ", StringComparison.Ordinal) && !l.StartsWith("│ Status", StringComparison.Ordinal))
                .Select(l => l[2..].Split(' ')[0]).Where(w => w.Length > 0).ToList();
            Assert.Equal(findings.Count, statuses.Count);
            Assert.Equal(statuses.OrderBy(x => x == "FAIL" ? 0 : x == "ERROR" ? 1 : x == "WARN" ? 2 : x == "MUTED" ? 3 : 4).ToList(), statuses);
        }
    }

    [Fact]
    public void A_keys_last_use_reads_the_same_in_the_table_and_in_the_reasons()
    {
        var report = TestData.SampleReport(new AuditParameters());
        var output = Render(report, KeyWarden.Cli.ReportOutput.NoWidthLimit, ansi: false, all: true, stream: true);
        var evidence = report.Findings.SelectMany(f => f.Keys).Where(k => k.Key.IsActive && k.DaysSinceLastUse is not null).ToList();
        Assert.Contains(evidence, k => k.DaysSinceLastUse > 0 && k.Key.LastUsedService is not null);
        foreach (var key in evidence)
        {
            Assert.Contains($"{key.Reference} · {key.AgeDays} d · {key.LastUse}", output, StringComparison.Ordinal);
        }

        // The reasons of the single-key rule and the unused rule's messages use the very same words.
        var bob = report.Findings.Single(f => f.Principal == "bob" && f.Decision is not null).Keys.Single(k => k.Reference == "slot:1");
        Assert.StartsWith("used ", bob.LastUse, StringComparison.Ordinal);
        Assert.Contains($"({bob.LastUse})", output, StringComparison.Ordinal);
        Assert.Contains($"slot:1 is active and {bob.LastUse}: unused for 45 days or more", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, null, null, "used today")]
    [InlineData(3, "s3", null, "used 3 d ago (s3)")]
    [InlineData(1, "s3", "us-east-1", "used 1 d ago (s3, us-east-1)")]
    [InlineData(null, null, null, "never used")]
    public void The_last_use_wording(int? days, string? service, string? region, string expected)
    {
        var key = new AccessKey("AKIA0000000000000001", null, KeyStatus.Active, TestData.AsOf.AddDays(-10),
            days is { } d ? TestData.AsOf.AddDays(-d) : null, service, region);
        Assert.Equal(expected, new KeyEvidence(key, 10, days, true, true).LastUse);
    }

    [Fact]
    public void Without_a_width_limit_reasons_are_one_line_each_indented_under_their_principal()
    {
        var report = ReportFixtures.EveryStatus();
        var output = Render(report, KeyWarden.Cli.ReportOutput.NoWidthLimit, ansi: false, all: true, stream: true);
        var reasons = report.Findings.Where(f => f.Decision is not null).SelectMany(f => f.Decision!.Reasons).ToList();
        Assert.NotEmpty(reasons);
        foreach (var reason in reasons)
        {
            Assert.Contains($"\n  • {TerminalText.EscapeLine(reason)}\n", output, StringComparison.Ordinal);
        }

        var narrow = Render(report, 40, ansi: false, all: true, stream: true);
        var continued = narrow.Split('\n').SkipWhile(l => !l.StartsWith("  • ", StringComparison.Ordinal)).Skip(1).First();
        Assert.StartsWith("    ", continued, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void Wide_and_narrow_consoles_take_the_streamed_path(string name)
    {
        var report = Report(name);
        var shown = report.Findings.ToList();
        var many = report.Sources.Select(s => s.AccountId).Distinct().Count() > 1;
        if (shown.Count == 0)
        {
            return;
        }

        Assert.True(FindingsTable.TryRenderRows(new TestConsole().Width(400), shown, FindingsTable.TableLayout.For(shown, many)));
        Assert.True(FindingsTable.TryRenderRows(new TestConsole().Width(100), shown, FindingsTable.TableLayout.For(shown, many)));
    }
}
