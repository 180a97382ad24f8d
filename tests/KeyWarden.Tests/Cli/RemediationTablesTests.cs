using KeyWarden.Cli;
using KeyWarden.Remediation;
using Spectre.Console.Testing;

namespace KeyWarden.Tests.Cli;

/// <summary>The apply, undo and verify tables never cut an account id, user name or key id across lines, at any width.</summary>
public class RemediationTablesTests
{
    private const string Account = "111122223333";
    private const string User = "svc-reporting-pipeline-eu-central-1";
    private const string Key = "AKIAIOSFODNN7EXAMPLE";
    private const string Kept = "AKIAI44QH8DHBEXAMPLE";

    private static readonly string[] Ids = [Account, User, Key, Kept];

    public static TheoryData<int> Widths() => [40, 60, 80, 200];

    private static string[] Lines(int width, Action<TestConsole> render)
    {
        var console = new TestConsole();
        console.Profile.Width = width;
        render(console);
        return console.Output.Split('\n');
    }

    private static void AssertWhole(string[] lines, params string[] ids)
    {
        foreach (var id in ids)
        {
            Assert.Contains(lines, l => l.Contains(id, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void The_run_table_keeps_ids_whole(int width)
    {
        var run = new RunReport([new StepReport("1", Account, User, Key, StepResult.Changed, $"deactivated; kept {Kept}, which was used today by the reporting job")], false);
        var lines = Lines(width, c => RemediationTables.RenderRun(c, "Apply", run));
        AssertWhole(lines, Ids);
        Assert.Contains(lines, l => l.Contains("reporting", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void The_verify_table_keeps_ids_whole(int width)
    {
        var results = new[] { new VerifyResult(Account, User, Kept, [Kept, Key], false, $"2 keys Active: {Kept} and {Key}; deactivate {Key}") };
        var lines = Lines(width, c => RemediationTables.RenderVerify(c, results));
        AssertWhole(lines, Ids);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void The_undo_table_keeps_ids_whole(int width)
    {
        var record = new JournalRecord(JournalRecord.Intent, "plan-1", "2026-11-28T09:00:00Z", StepId: "1",
            Action: JournalRecord.Deactivate, AccountId: Account, User: User, KeyId: Key);
        var lines = Lines(width, c => UndoTables.RenderCandidates(c, [new UndoCandidate(record, "2026-11-28T09:00:00Z", StepResult.Changed)]));
        AssertWhole(lines, Account, User, Key);
    }

    [Fact]
    public void One_account_is_named_in_the_title_several_get_an_account_column()
    {
        var one = new RunReport([new StepReport("1", Account, User, Key, StepResult.Changed, "deactivated")], false);
        var oneLines = Lines(80, c => RemediationTables.RenderRun(c, "Apply", one));
        Assert.Equal($"Apply in account {Account}", oneLines[0]);
        Assert.DoesNotContain(oneLines, l => l.Contains("Account", StringComparison.Ordinal) && l.StartsWith('│'));

        var two = new RunReport([one.Steps[0], new StepReport("2", "444455556666", User, Kept, StepResult.Changed, "deactivated")], false);
        var twoLines = Lines(80, c => RemediationTables.RenderRun(c, "Apply", two));
        Assert.Equal("Apply", twoLines[0]);
        Assert.Contains(twoLines, l => l.StartsWith("│ # │ Account", StringComparison.Ordinal));
        Assert.Contains(twoLines, l => l.Contains("444455556666", StringComparison.Ordinal) && l.Contains(Kept, StringComparison.Ordinal));
    }

    [Fact]
    public void A_wide_enough_console_gets_a_table_no_wider_than_itself()
    {
        var run = new RunReport([new StepReport("1", Account, User, Key, StepResult.Changed, "deactivated")], false);
        var lines = Lines(200, c => RemediationTables.RenderRun(c, "Apply", run));
        Assert.All(lines, l => Assert.True(l.Length <= 200));
        Assert.All(lines, l => Assert.False(l.EndsWith(' '), $"trailing space: '{l}'"));
    }
}
