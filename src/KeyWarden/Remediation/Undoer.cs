using KeyWarden.Aws;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.Reports;

namespace KeyWarden.Remediation;

/// <summary>
/// Reactivates exactly the keys a journal says KeyWarden deactivated, and only those still Inactive: a key
/// someone has since reactivated or deleted is reported, not touched. Journaled like apply, so undo can be
/// re-run after a crash without repeating itself.
/// </summary>
public sealed class Undoer(IIamClient iam, ChangeJournal journal, JournalState state, TimeProvider clock)
{
    public async Task<RunReport> UndoAsync(string accountId, Action<StepReport> onStep, CancellationToken cancellationToken)
    {
        var reports = new List<StepReport>();
        foreach (var deactivation in state.DeactivationsToUndo())
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return new RunReport(reports, Interrupted: true);
            }

            var report = deactivation.AccountId != accountId
                ? Report(deactivation, StepResult.Skipped, $"key is in account {deactivation.AccountId}; the credentials are for {accountId}")
                : await UndoOneAsync(deactivation);
            reports.Add(report);
            onStep(report);
        }

        return new RunReport(reports, Interrupted: false);
    }

    private async Task<StepReport> UndoOneAsync(JournalRecord deactivation)
    {
        var user = deactivation.User!;
        var keyId = deactivation.KeyId!;
        var pending = state.HasPendingIntent(deactivation.PlanId, deactivation.StepId!, JournalRecord.Reactivate);
        var status = await Applier.ReadStatusAsync(iam, user, keyId);
        switch (status)
        {
            case "gone":
                return Record(deactivation, StepResult.Skipped, $"changed since: key {keyId} of {user} no longer exists");
            case "Active" when pending:
                return Record(deactivation, StepResult.Changed, "recovered: an interrupted undo reactivated this key; found Active", "Active");
            case "Active":
                return Record(deactivation, StepResult.AlreadyDone, $"changed since: key {keyId} of {user} is already Active again", "Active");
            case "Inactive":
                break;
            default:
                return Record(deactivation, StepResult.Failed, $"could not read the status of {keyId} of {user}");
        }

        Append(deactivation, JournalRecord.Intent, null, "reactivating", null);
        try
        {
            await iam.UpdateAccessKeyAsync(new UpdateAccessKeyRequest { UserName = user, AccessKeyId = keyId, Status = "Active" }, CancellationToken.None);
        }
        catch (Exception e) when (AwsErrorDescriber.Describe(e) is { } failure)
        {
            return Record(deactivation, StepResult.Failed, $"UpdateAccessKey failed: {failure.OneLineMessage}");
        }

        TestPausePoint.Reach("after-reactivate", deactivation.StepId!);
        var after = await Applier.ReadStatusAsync(iam, user, keyId);
        return Record(deactivation, StepResult.Changed, "reactivated", after);
    }

    private StepReport Record(JournalRecord deactivation, string result, string reason, string? statusAfter = null)
    {
        Append(deactivation, JournalRecord.Outcome, result, reason, statusAfter);
        return Report(deactivation, result, reason);
    }

    private void Append(JournalRecord deactivation, string type, string? result, string reason, string? statusAfter)
    {
        var record = deactivation with
        {
            Type = type,
            At = Timestamps.Format(clock.GetUtcNow()),
            Action = JournalRecord.Reactivate,
            Result = result,
            Reason = reason,
            StatusAfter = statusAfter,
        };
        journal.Append(record);
        state.Add(record);
    }

    private static StepReport Report(JournalRecord deactivation, string result, string reason) =>
        new(deactivation.StepId!, deactivation.AccountId!, deactivation.User!, deactivation.KeyId!, result, reason);
}
