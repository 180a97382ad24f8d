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

        using var sessions = await RemediationSessions.OpenAsync(settings, cancellationToken);
        var identity = sessions.HubIdentity;
        var roles = plan.Accounts.ToDictionary(a => a.AccountId, a => a.RoleArn, StringComparer.Ordinal);
        // The plan's accounts in the order their steps first appear: each is acted in with its own session.
        var accountIds = plan.Steps.Select(s => s.AccountId).Distinct().ToList();
        if (!accountIds.Any(a => sessions.CanReach(a, roles.GetValueOrDefault(a))))
        {
            terminal.Err.WriteLine(
                $"keywarden: error: the credentials are for account {identity.Account} ({identity.Arn}); the plan is for {string.Join(", ", plan.Accounts.Select(a => a.AccountId))}. Nothing was changed");
            return ExitCodes.PreconditionFailed;
        }

        // A role never leads out of the credentials' partition: every account of the plan must be in it.
        foreach (var accountId in accountIds)
        {
            if (PlanChecks.CheckPartition(plan, accountId, identity.Arn) is { } otherPartition)
            {
                throw KeyWardenException.Input($"{settings.Plan}: {otherPartition}");
            }
        }

        var options = new ApplyOptions(TimeSpan.FromHours(settings.RecentUseGuardHours), settings.AllowRecentlyUsed, settings.DryRun, settings.KeepGoing, settings.MaxChanges);
        void OnStep(StepReport step) => terminal.Note($"step {step.StepId}: {step.User} {step.KeyId}: {step.Result}: {step.Reason}");

        if (settings.DryRun)
        {
            // No lock, no file: a dry run reads an existing journal only to say what re-applying would find.
            var state = new JournalState(ReadJournalIfAny(settings.JournalPath));
            var dryRun = await ApplyPerAccountAsync(sessions, plan, accountIds, roles, options, OnStep, cancellationToken,
                async (session, accountPlan, accountOptions, ct) => await new Applier(session.Connection.Iam, null, state, clock, accountOptions)
                    .ApplyAsync(accountPlan, session.Identity.Account, await session.Connection.GetCallerAccessKeyIdsAsync(ct), OnStep, ct));
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
                confirmed = Confirmation.Ask(terminal, settings.Yes, $"Deactivate up to {plan.Steps.Count} access key(s) {sessions.WhereText(accountIds)} as {identity.Arn}?");
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
                return ExitCodes.NotConfirmed;
            }

            var digest = PlanFile.Digest(settings.Plan);
            var run = await ApplyPerAccountAsync(sessions, plan, accountIds, roles, options, OnStep, cancellationToken,
                async (session, accountPlan, accountOptions, ct) =>
                {
                    var account = session.Identity.Account;
                    journal.Append(JournalRecord.RunStarted(plan.PlanId, clock.GetUtcNow(), "apply", account, session.Identity.Arn, digest));
                    // Never the key this run signs with, the hub's, nor any role's source key (the connection lists them all).
                    var callerKeyIds = await session.Connection.GetCallerAccessKeyIdsAsync(ct);
                    var accountRun = await new Applier(session.Connection.Iam, journal, new JournalState(journal.Records), clock, accountOptions)
                        .ApplyAsync(accountPlan, account, callerKeyIds, OnStep, ct);
                    journal.Append(JournalRecord.RunFinished(plan.PlanId, clock.GetUtcNow(), "apply", account, accountRun.Interrupted));
                    return accountRun;
                });
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

    /// <summary>
    /// Runs <paramref name="applyInAccount"/> once per account, in plan order, with that account's steps. An account
    /// that cannot be reached (no role known, AssumeRole refused) gets its steps reported and the others go on; a
    /// --max-changes bound is shared by all accounts; Ctrl-C stops between accounts as between steps.
    /// </summary>
    private static async Task<RunReport> ApplyPerAccountAsync(
        RemediationSessions sessions,
        RemediationPlan plan,
        IReadOnlyList<string> accountIds,
        IReadOnlyDictionary<string, string?> roles,
        ApplyOptions options,
        Action<StepReport> onStep,
        CancellationToken cancellationToken,
        Func<Accounts.AccountSession, RemediationPlan, ApplyOptions, CancellationToken, Task<RunReport>> applyInAccount)
    {
        var steps = new List<StepReport>();
        var changed = 0;
        foreach (var accountId in accountIds)
        {
            var accountPlan = plan with { Steps = plan.Steps.Where(s => s.AccountId == accountId).ToList() };
            if (cancellationToken.IsCancellationRequested)
            {
                return new RunReport(steps, Interrupted: true);
            }

            var (session, error) = await sessions.ForAccountAsync(accountId, roles.GetValueOrDefault(accountId), cancellationToken);
            if (session is null)
            {
                // Nothing was sent in that account: its steps are reported, never journaled.
                var unreachable = sessions.UnreachableResult(accountId, roles.GetValueOrDefault(accountId));
                foreach (var step in accountPlan.Steps)
                {
                    var report = new StepReport(step.StepId, step.AccountId, step.User, step.DeactivateKey, unreachable, error!);
                    steps.Add(report);
                    onStep(report);
                }

                continue;
            }

            var accountOptions = options.MaxChanges is { } max ? options with { MaxChanges = Math.Max(0, max - changed) } : options;
            var run = await applyInAccount(session, accountPlan, accountOptions, cancellationToken);
            steps.AddRange(run.Steps);
            changed += run.Steps.Count(s => s.Result is StepResult.Changed or StepReport.WouldDeactivate);
            if (run.Interrupted)
            {
                return new RunReport(steps, Interrupted: true);
            }
        }

        return new RunReport(steps, Interrupted: false);
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
