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
        using var sessions = await RemediationSessions.OpenAsync(settings, cancellationToken);
        var identity = sessions.HubIdentity;
        var roles = VerifyCommand.JournalRoles(journal.Records);
        var accountIds = todo.Select(c => c.AccountId).Distinct().ToList();
        if (!Confirmation.Ask(terminal, settings.Yes, $"Reactivate up to {todo.Count} access key(s) {sessions.WhereText(accountIds)} as {identity.Arn}?"))
        {
            terminal.Note("not confirmed: nothing was changed");
            return ExitCodes.NotConfirmed;
        }

        var planId = todo[0].PlanId;
        var planDigest = journal.Records.FirstOrDefault(r => r.Type == JournalRecord.Started && r.PlanId == planId && r.PlanDigest is not null)?.PlanDigest;
        void OnStep(StepReport step) => terminal.Note($"undo {step.User} {step.KeyId}: {step.Result}: {step.Reason}");
        var steps = new List<StepReport>();
        var interrupted = false;
        foreach (var accountId in accountIds)
        {
            var candidates = todo.Where(c => c.AccountId == accountId).ToList();
            var (session, error) = await sessions.ForAccountAsync(accountId, roles.GetValueOrDefault(accountId), cancellationToken);
            if (session is null)
            {
                var result = sessions.UnreachableResult(accountId, roles.GetValueOrDefault(accountId));
                foreach (var candidate in candidates)
                {
                    var report = new StepReport(candidate.StepId, candidate.AccountId, candidate.User, candidate.KeyId, result, error!);
                    steps.Add(report);
                    OnStep(report);
                }

                continue;
            }

            journal.Append(JournalRecord.RunStarted(planId, clock.GetUtcNow(), "undo", accountId, session.Identity.Arn, planDigest));
            var accountRun = await new Undoer(session.Connection.Iam, journal, state, clock).UndoAsync(candidates, accountId, OnStep, cancellationToken);
            journal.Append(JournalRecord.RunFinished(planId, clock.GetUtcNow(), "undo", accountId, accountRun.Interrupted));
            steps.AddRange(accountRun.Steps);
            if (accountRun.Interrupted)
            {
                interrupted = true;
                break;
            }
        }

        var run = new RunReport(steps, interrupted);
        RemediationTables.RenderRun(terminal.Out, "Undo", run);
        return run.ExitCode;
    }
}
