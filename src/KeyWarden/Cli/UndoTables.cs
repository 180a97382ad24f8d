using KeyWarden.Common;
using KeyWarden.Remediation;
using Spectre.Console;

namespace KeyWarden.Cli;

/// <summary>
/// What undo is about to put back, shown before it asks (as apply shows its steps). The journal is input: its values
/// are shown through <see cref="TerminalText"/> (the reader already refuses ids IAM would not accept).
/// </summary>
internal static class UndoTables
{
    public static void RenderCandidates(IAnsiConsole console, IReadOnlyList<UndoCandidate> candidates)
    {
        // Sized for 80 columns: the account goes into the title when there is one, and the evidence under the time
        // when it is more than "deactivated". Ids are what a reader copies (into --principal, a ticket): never broken.
        var table = new IdSafeTable("Undo: reactivate if still Inactive", ("#", false), ("Account", false), ("User", false), ("Key", false), ("Deactivated", true))
            .FoldIntoTitle("Account", " (account {0})");
        foreach (var candidate in candidates)
        {
            var deactivatedAt = TerminalText.Escape(candidate.DeactivatedAt);
            var when = candidate.Evidence == StepResult.Changed ? deactivatedAt : $"{deactivatedAt}\n{TerminalText.Escape(Evidence(candidate.Evidence))}";
            table.AddRow(Cell(TerminalText.Escape(candidate.StepId)), Cell(TerminalText.Escape(candidate.AccountId)), Cell(TerminalText.Escape(candidate.User)),
                Cell(TerminalText.Escape(candidate.KeyId)), Cell(when));
        }

        table.Write(console);
        console.MarkupLine(Markup.Escape($"{candidates.Count} key(s) to reactivate if still Inactive"));
    }

    private static (Spectre.Console.Rendering.IRenderable, string) Cell(string text) => (new Text(text), text);

    private static string Evidence(string evidence) => evidence switch
    {
        StepResult.Unknown => "possibly (outcome unknown)",
        JournalState.Announced => "possibly (run stopped in the step)",
        _ => evidence,
    };
}
