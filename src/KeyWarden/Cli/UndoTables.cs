using KeyWarden.Remediation;
using Spectre.Console;

namespace KeyWarden.Cli;

/// <summary>What undo is about to put back, shown before it asks (as apply shows its steps).</summary>
internal static class UndoTables
{
    public static void RenderCandidates(IAnsiConsole console, IReadOnlyList<UndoCandidate> candidates)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Undo: reactivate (only keys still Inactive)");
        foreach (var column in new[] { "#", "Account", "User", "Key", "Deactivated at", "Journal says" })
        {
            table.AddColumn(column);
        }

        foreach (var candidate in candidates)
        {
            table.AddRow(
                new Text(candidate.StepId), new Text(candidate.AccountId), new Text(candidate.User), new Text(candidate.KeyId),
                new Text(candidate.DeactivatedAt), new Text(Evidence(candidate.Evidence)));
        }

        console.Write(table);
        console.MarkupLine(Markup.Escape($"{candidates.Count} key(s) to reactivate if still Inactive"));
    }

    private static string Evidence(string evidence) => evidence switch
    {
        StepResult.Changed => "deactivated",
        StepResult.Unknown => "possibly deactivated (outcome unknown)",
        JournalState.Announced => "possibly deactivated (run stopped inside the step)",
        _ => evidence,
    };
}
