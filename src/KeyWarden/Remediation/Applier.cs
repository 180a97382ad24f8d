using KeyWarden.Aws;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.Inventory;
using KeyWarden.Reports;

namespace KeyWarden.Remediation;

/// <summary>
/// Carries out a plan's steps for one account. Per step, immediately before acting: re-read the user's keys,
/// check the preconditions, write the intent to the journal (on disk), UpdateAccessKey(UserName, key,
/// Inactive), read the status back, write the outcome. Cancellation is honoured only between steps: a step
/// once begun runs to its outcome record.
/// </summary>
public sealed class Applier(IIamClient iam, ChangeJournal journal, JournalState state, TimeProvider clock, ApplyOptions options)
{
    private readonly LiveKeyReader _reader = new(iam);

    /// <param name="callerKeyIds">Every key the running tool's credentials rest on: never deactivated.</param>
    public async Task<RunReport> ApplyAsync(
        RemediationPlan plan, string accountId, IReadOnlyCollection<string> callerKeyIds, Action<StepReport> onStep, CancellationToken cancellationToken)
    {
        var reports = new List<StepReport>();
        foreach (var step in plan.Steps)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return new RunReport(reports, Interrupted: true);
            }

            TestPausePoint.Reach("before-step", step.StepId);
            StepReport report;
            if (step.AccountId != accountId)
            {
                report = Report(step, StepResult.Skipped, $"step is for account {step.AccountId}; the credentials are for {accountId}");
            }
            else if (state.IsDone(plan.PlanId, step.StepId))
            {
                report = Report(step, StepResult.AlreadyDone, "done by an earlier run (journal)");
            }
            else
            {
                // From here the step runs to its end whatever Ctrl-C says: its outcome must reach the journal.
                report = await RunStepAsync(plan, step, callerKeyIds);
            }

            reports.Add(report);
            onStep(report);
        }

        return new RunReport(reports, Interrupted: false);
    }

    private async Task<StepReport> RunStepAsync(RemediationPlan plan, PlanStep step, IReadOnlyCollection<string> callerKeyIds)
    {
        var pending = state.HasPendingIntent(plan.PlanId, step.StepId, JournalRecord.Deactivate);
        PrincipalKeys? live;
        try
        {
            live = await _reader.ReadAsync(step.User, step.Arn, CancellationToken.None);
        }
        catch (Exception e) when (AwsErrorDescriber.Describe(e) is { } failure)
        {
            return Record(plan, step, StepResult.Failed, $"could not read the keys of {step.User}: {failure.OneLineMessage}");
        }

        var (verdict, reason) = PreconditionCheck.Evaluate(step, live, clock.GetUtcNow(), callerKeyIds, options);
        if (pending && verdict == PreconditionVerdict.AlreadyDone)
        {
            // The last run announced this change and died before recording it: the key is Inactive because of us.
            return Record(plan, step, StepResult.Changed, "recovered: an interrupted run deactivated this key; found Inactive", "Inactive");
        }

        switch (verdict)
        {
            case PreconditionVerdict.AlreadyDone:
                return Record(plan, step, StepResult.AlreadyDone, reason, "Inactive");
            case PreconditionVerdict.Skip:
                return Record(plan, step, StepResult.Skipped, reason);
            case PreconditionVerdict.Failed:
                return Record(plan, step, StepResult.Failed, reason);
        }

        Append(plan, step, JournalRecord.Intent, result: null, reason: "deactivating", statusAfter: null);
        TestPausePoint.Reach("after-intent", step.StepId);
        try
        {
            await iam.UpdateAccessKeyAsync(
                new UpdateAccessKeyRequest { UserName = step.User, AccessKeyId = step.DeactivateKey, Status = "Inactive" },
                CancellationToken.None);
        }
        catch (Exception e) when (AwsErrorDescriber.Describe(e) is { } failure)
        {
            return Record(plan, step, StepResult.Failed, $"UpdateAccessKey failed: {failure.OneLineMessage}");
        }

        TestPausePoint.Reach("after-update", step.StepId);
        var after = await ReadStatusAsync(step.User, step.DeactivateKey);
        return Record(plan, step, StepResult.Changed, $"deactivated; kept {step.KeepKey}", after);
    }

    /// <summary>The status IAM reports after the change (ListAccessKeys), or a note that it could not be read.</summary>
    internal static async Task<string> ReadStatusAsync(IIamClient iam, string user, string keyId)
    {
        try
        {
            await foreach (var key in iam.ListAllAccessKeysAsync(user, CancellationToken.None))
            {
                if (key.AccessKeyId == keyId)
                {
                    return key.Status;
                }
            }

            return "gone";
        }
        catch (Exception e) when (AwsErrorDescriber.Describe(e) is not null)
        {
            return "unknown (read-back failed)";
        }
    }

    private Task<string> ReadStatusAsync(string user, string keyId) => ReadStatusAsync(iam, user, keyId);

    private StepReport Record(RemediationPlan plan, PlanStep step, string result, string reason, string? statusAfter = null)
    {
        Append(plan, step, JournalRecord.Outcome, result, reason, statusAfter);
        return Report(step, result, reason);
    }

    private void Append(RemediationPlan plan, PlanStep step, string type, string? result, string reason, string? statusAfter)
    {
        var record = new JournalRecord(
            type, plan.PlanId, Timestamps.Format(clock.GetUtcNow()), step.StepId, JournalRecord.Deactivate,
            step.AccountId, step.User, step.DeactivateKey, step.KeepKey, result, reason, statusAfter);
        journal.Append(record);
        state.Add(record);
    }

    private static StepReport Report(PlanStep step, string result, string reason) =>
        new(step.StepId, step.AccountId, step.User, step.DeactivateKey, result, reason);
}
