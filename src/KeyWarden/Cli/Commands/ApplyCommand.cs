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
        var plan = PlanFile.Load(settings.Plan);
        if (plan.Offline)
        {
            throw KeyWardenException.Input(
                $"{settings.Plan}: this plan was made from a credential report (offline file or --source credential-report), which names keys by slot, not id; it is for review only. Make the plan with --source auto or live to apply it");
        }

        RemediationTables.RenderPlan(terminal.Out, plan);
        if (plan.Steps.Count == 0)
        {
            terminal.Note("nothing to apply");
            return ExitCodes.Ok;
        }

        var state = new JournalState(ChangeJournal.Read(settings.JournalPath));
        using var connection = AwsClientFactory.Connect(settings);
        var identity = await connection.Sts.GetCallerIdentityAsync(cancellationToken);
        if (plan.Accounts.All(a => a.AccountId != identity.Account))
        {
            terminal.Err.WriteLine(
                $"keywarden: error: the credentials are for account {identity.Account} ({identity.Arn}); the plan is for {string.Join(", ", plan.Accounts.Select(a => a.AccountId))}. Nothing was changed");
            return ExitCodes.PreconditionFailed;
        }

        if (!Confirmation.Ask(terminal, settings.Yes, $"Deactivate up to {plan.Steps.Count} access key(s) in account {identity.Account} as {identity.Arn}?"))
        {
            terminal.Note("not confirmed: nothing was changed");
            return ExitCodes.UsageOrInput;
        }

        var callerKeyIds = await connection.GetCallerAccessKeyIdsAsync(cancellationToken);
        using var journal = ChangeJournal.OpenForAppend(settings.JournalPath);
        journal.Append(JournalRecord.RunStarted(plan.PlanId, clock.GetUtcNow(), "apply", identity.Account, identity.Arn, PlanFile.Digest(settings.Plan)));

        var applier = new Applier(connection.Iam, journal, state, clock,
            new ApplyOptions(TimeSpan.FromHours(settings.RecentUseGuardHours), settings.AllowRecentlyUsed));
        var run = await applier.ApplyAsync(plan, identity.Account, callerKeyIds,
            step => terminal.Note($"step {step.StepId}: {step.User} {step.KeyId}: {step.Result}: {step.Reason}"), cancellationToken);

        journal.Append(JournalRecord.RunFinished(plan.PlanId, clock.GetUtcNow(), "apply", identity.Account, run.Interrupted));
        RemediationTables.RenderRun(terminal.Out, "Apply", run);
        terminal.Note($"journal: {settings.JournalPath}; confirm with: keywarden verify {settings.Plan}; put back with: keywarden undo {settings.JournalPath}");
        return run.ExitCode;
    }
}
