using KeyWarden.Audit;
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
        return Auditor.Audit(inventories, new AuditParameters(), TestData.AsOf, TestData.GeneratedAt);
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
            new AuditParameters(), TestData.AsOf, TestData.GeneratedAt);
    }

    private static string Render(AuditReport report, int width, bool ansi, bool all, bool stream)
    {
        var console = new TestConsole().Width(width);
        if (ansi)
        {
            console.EmitAnsiSequences();
        }

        FindingsTable.Render(console, report, all, stream);
        return console.Output;
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void Streamed_rows_are_the_bytes_of_one_Spectre_table_at_every_width(string name)
    {
        var report = Report(name);
        foreach (var width in new[] { 30, 40, 47, 55, 64, 71, 80, 90, 100, 111, 120, 133, 145, 160, 200, 250 })
        {
            foreach (var ansi in new[] { false, true })
            {
                foreach (var all in new[] { false, true })
                {
                    var expected = Render(report, width, ansi, all, stream: false);
                    var actual = Render(report, width, ansi, all, stream: true);
                    Assert.True(expected == actual, $"{name}, width {width}, ansi {ansi}, all {all}\nexpected:\n{expected}\nactual:\n{actual}");
                }
            }
        }
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

        Assert.True(FindingsTable.TryRenderRows(new TestConsole().Width(400), shown, many));
        Assert.True(FindingsTable.TryRenderRows(new TestConsole().Width(100), shown, many));
    }
}
