using KeyWarden.Cli;
using KeyWarden.Common;
using KeyWarden.Remediation;
using Spectre.Console.Testing;

namespace KeyWarden.Tests.Cli;

public class UndoTablesTests
{
    [Fact]
    public void Journal_values_are_shown_escaped()
    {
        var deactivation = new JournalRecord(JournalRecord.Intent, "plan-1", "2026-11-28T09:00:00Z", StepId: "3\u001b]0;x\u0007",
            Action: JournalRecord.Deactivate, AccountId: "111122223333", User: "bob", KeyId: "AKIAEXAMPLE0000000001");
        var console = new TestConsole();
        console.Profile.Width = 120;

        UndoTables.RenderCandidates(console, [new UndoCandidate(deactivation, "2026-11-28T09:00:00Z\u202e", StepResult.Changed)]);

        Assert.DoesNotContain(console.Output, c => c != '\n' && TerminalText.IsUnsafe(c));
        Assert.Contains(@"3\u001b]0;x\u0007", console.Output);
        Assert.Contains(@"2026-11-28T09:00:00Z\u202e", console.Output);
    }
}
