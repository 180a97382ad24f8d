using System.ComponentModel;
using KeyWarden.Cli.Settings;
using KeyWarden.Remediation;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Commands;

[Description("Carry out a plan: re-check each key live, deactivate it (never delete), journal every change.")]
public sealed class ApplyCommand(Terminal terminal, TimeProvider clock) : AsyncCommand<ApplySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ApplySettings settings, CancellationToken cancellationToken)
    {
        var whole = PlanFile.Load(settings.Plan);
        if (whole.Offline)
        {
            throw KeyWardenException.Input(
                $"{settings.Plan}: this plan was made from a credential report (offline file or --source credential-report), which names keys by slot, not id; it is for review only. Make the plan with --source auto or live to apply it");
        }

        // Everything about the plan as a whole is checked before any AWS call, let alone a change.
        var (selected, selectionError) = PlanChecks.Select(whole, settings.Principals, settings.Steps);
        var plan = selected ?? throw KeyWardenException.Input($"{settings.Plan}: {selectionError}");
        if (PlanChecks.CheckAge(plan, clock.GetUtcNow(), settings.MaxPlanAgeSpan, settings.MaxPlanAge) is { } stale)
        {
            throw KeyWardenException.Input($"{settings.Plan}: {stale}");
        }

        RemediationTables.RenderPlan(terminal.Out, plan);
        if (plan.Steps.Count < whole.Steps.Count)
        {
            terminal.Note($"{plan.Steps.Count} of the plan's {whole.Steps.Count} step(s) selected by --principal/--step");
        }

        if (plan.Steps.Count == 0)
        {
            terminal.Note("nothing to apply");
            return ExitCodes.Ok;
        }

        using var connection = AwsClientFactory.Connect(settings);
        var identity = await connection.Sts.GetCallerIdentityAsync(cancellationToken);
        if (plan.Accounts.All(a => a.AccountId != identity.Account))
        {
            terminal.Err.WriteLine(
                $"keywarden: error: the credentials are for account {identity.Account} ({identity.Arn}); the plan is for {string.Join(", ", plan.Accounts.Select(a => a.AccountId))}. Nothing was changed");
            return ExitCodes.PreconditionFailed;
        }

        if (PlanChecks.CheckPartition(plan, identity.Account, identity.Arn) is { } otherPartition)
        {
            throw KeyWardenException.Input($"{settings.Plan}: {otherPartition}");
        }

        var callerKeyIds = await connection.GetCallerAccessKeyIdsAsync(cancellationToken);
        var options = new ApplyOptions(TimeSpan.FromHours(settings.RecentUseGuardHours), settings.AllowRecentlyUsed, settings.DryRun, settings.KeepGoing);
        void OnStep(StepReport step) => terminal.Note($"step {step.StepId}: {step.User} {step.KeyId}: {step.Result}: {step.Reason}");

        if (settings.DryRun)
        {
            // No lock, no file: a dry run reads an existing journal only to say what re-applying would find.
            var dryRun = await new Applier(connection.Iam, null, new JournalState(ReadJournalIfAny(settings.JournalPath)), clock, options)
                .ApplyAsync(plan, identity.Account, callerKeyIds, OnStep, cancellationToken);
            RemediationTables.RenderRun(terminal.Out, "Apply (dry run): what would happen", dryRun);
            terminal.Note("dry run: nothing was changed and no journal was written");
            return dryRun.ExitCode;
        }

        // The lock first, then the journal's records, then the question: what this run relies on cannot change
        // between reading it and acting on it.
        var journalExisted = File.Exists(settings.JournalPath);
        var journal = ChangeJournal.OpenForAppend(settings.JournalPath);
        try
        {
            var confirmed = false;
            try
            {
                confirmed = Confirmation.Ask(terminal, settings.Yes, $"Deactivate up to {plan.Steps.Count} access key(s) in account {identity.Account} as {identity.Arn}?");
            }
            finally
            {
                if (!confirmed)
                {
                    ForgetUnusedJournal(journal, journalExisted);
                }
            }

            if (!confirmed)
            {
                terminal.Note("not confirmed: nothing was changed");
                return ExitCodes.UsageOrInput;
            }

            journal.Append(JournalRecord.RunStarted(plan.PlanId, clock.GetUtcNow(), "apply", identity.Account, identity.Arn, PlanFile.Digest(settings.Plan)));
            var run = await new Applier(connection.Iam, journal, new JournalState(journal.Records), clock, options)
                .ApplyAsync(plan, identity.Account, callerKeyIds, OnStep, cancellationToken);
            journal.Append(JournalRecord.RunFinished(plan.PlanId, clock.GetUtcNow(), "apply", identity.Account, run.Interrupted));
            RemediationTables.RenderRun(terminal.Out, "Apply", run);
            // After a partial run, verifying the plan would fail the steps not carried out: verify the journal instead.
            var verifyWhat = plan.Steps.Count < whole.Steps.Count ? settings.JournalPath : settings.Plan;
            terminal.Note(run.MayHaveChanged
                ? $"journal: {settings.JournalPath}; confirm with: keywarden verify {verifyWhat}; put back with: keywarden undo {settings.JournalPath}"
                : $"nothing was changed; journal: {settings.JournalPath}");
            return run.ExitCode;
        }
        finally
        {
            journal.Dispose();
        }
    }

    private static IReadOnlyList<JournalRecord> ReadJournalIfAny(string path)
    {
        try
        {
            return ChangeJournal.Read(path);
        }
        catch (IOException e)
        {
            throw KeyWardenException.Runtime($"{path}: cannot read the journal (another apply or undo holds this journal?): {e.Message}", e);
        }
    }

    /// <summary>A journal this run created and never wrote to is removed again: declining the prompt leaves no trace.</summary>
    private static void ForgetUnusedJournal(ChangeJournal journal, bool existed)
    {
        if (!existed && journal.Records.Count == 0 && new FileInfo(journal.Path).Length == 0)
        {
            File.Delete(journal.Path);
        }
    }
}
