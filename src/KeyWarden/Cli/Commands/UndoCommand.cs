using System.ComponentModel;
using KeyWarden.Cli.Settings;
using KeyWarden.Remediation;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Commands;

[Description("Reactivate exactly the keys a journal says KeyWarden deactivated, if they are still Inactive.")]
public sealed class UndoCommand(Terminal terminal, TimeProvider clock) : AsyncCommand<UndoSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, UndoSettings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.Journal))
        {
            throw KeyWardenException.Input($"{settings.Journal}: no such journal");
        }

        // The lock first, then the records: what is listed and confirmed is what is undone, and no apply can write in between.
        using var journal = ChangeJournal.OpenForAppend(settings.Journal);
        if (journal.Contents.UnchainedNote(settings.Journal) is { } note)
        {
            terminal.Note(note);
        }

        var state = new JournalState(journal.Records);
        var (selected, selectionError) = UndoSelection.Select(state.UndoCandidates(), settings.Principals, settings.Steps);
        var todo = selected ?? throw KeyWardenException.Input($"{settings.Journal}: {selectionError}");
        if (todo.Count == 0)
        {
            terminal.Note("the journal records no deactivation that is not already undone: nothing to do");
            return ExitCodes.Ok;
        }

        UndoTables.RenderCandidates(terminal.Out, todo);
        using var connection = AwsClientFactory.Connect(settings);
        var identity = await connection.Sts.GetCallerIdentityAsync(cancellationToken);
        if (!Confirmation.Ask(terminal, settings.Yes, $"Reactivate up to {todo.Count} access key(s) in account {identity.Account} as {identity.Arn}?"))
        {
            terminal.Note("not confirmed: nothing was changed");
            return ExitCodes.UsageOrInput;
        }

        var planId = todo[0].PlanId;
        var planDigest = journal.Records.FirstOrDefault(r => r.Type == JournalRecord.Started && r.PlanId == planId && r.PlanDigest is not null)?.PlanDigest;
        journal.Append(JournalRecord.RunStarted(planId, clock.GetUtcNow(), "undo", identity.Account, identity.Arn, planDigest));
        var run = await new Undoer(connection.Iam, journal, state, clock).UndoAsync(todo, identity.Account,
            step => terminal.Note($"undo {step.User} {step.KeyId}: {step.Result}: {step.Reason}"), cancellationToken);
        journal.Append(JournalRecord.RunFinished(planId, clock.GetUtcNow(), "undo", identity.Account, run.Interrupted));
        RemediationTables.RenderRun(terminal.Out, "Undo", run);
        return run.ExitCode;
    }
}
