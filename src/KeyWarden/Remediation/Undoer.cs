using KeyWarden.Aws;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.Reports;

namespace KeyWarden.Remediation;

/// <summary>
/// Reactivates exactly the keys a journal says KeyWarden deactivated (or may have: outcome unknown, or announced
/// before a crash), and only those still Inactive: a key someone has since reactivated or deleted is reported, not
/// touched. Journaled like apply, so undo can be re-run after a crash without repeating itself. Like apply, a
/// reactivation that ends without a definitive answer is read back: changed if Active, unknown if unreadable.
/// </summary>
public sealed class Undoer(IIamClient iam, ChangeJournal journal, JournalState state, TimeProvider clock)
{
    /// <summary>Reverses every deactivation the journal records and nothing has put back.</summary>
    public Task<RunReport> UndoAsync(string accountId, Action<StepReport> onStep, CancellationToken cancellationToken) =>
        UndoAsync(state.UndoCandidates(), accountId, onStep, cancellationToken);

    /// <summary>Reverses <paramref name="candidates"/> (from <see cref="JournalState.UndoCandidates"/>, possibly narrowed by <see cref="UndoSelection"/>).</summary>
    public async Task<RunReport> UndoAsync(IReadOnlyList<UndoCandidate> candidates, string accountId, Action<StepReport> onStep, CancellationToken cancellationToken)
    {
        var reports = new List<StepReport>();
        foreach (var candidate in candidates)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return new RunReport(reports, Interrupted: true);
            }

            var report = candidate.AccountId != accountId
                ? Report(candidate.Deactivation, StepResult.Skipped, $"key is in account {candidate.AccountId}; the credentials are for {accountId}")
                : await UndoOneAsync(candidate.Deactivation);
            reports.Add(report);
            onStep(report);
        }

        return new RunReport(reports, Interrupted: false);
    }

    private async Task<StepReport> UndoOneAsync(JournalRecord deactivation)
    {
        var user = deactivation.User!;
        var keyId = deactivation.KeyId!;
        var pending = state.HasUnresolvedAttempt(deactivation.PlanId, deactivation.StepId!, JournalRecord.Reactivate);
        var status = await ReadStatusAsync(user, keyId);
        switch (status)
        {
            case Gone:
                return Record(deactivation, StepResult.Skipped, $"changed since: key {keyId} of {user} no longer exists");
            case "Active" when pending:
                return Record(deactivation, StepResult.Changed, "recovered: an earlier reactivation of this key (interrupted, or its outcome unknown) went through; found Active", "Active");
            case "Active":
                return Record(deactivation, StepResult.AlreadyDone, $"changed since: key {keyId} of {user} is already Active again", "Active");
            case "Inactive":
                break;
            default:
                return Record(deactivation, StepResult.Failed, $"could not read the status of {keyId} of {user}; nothing was sent");
        }

        Append(deactivation, JournalRecord.Intent, null, "reactivating", null);
        try
        {
            await iam.UpdateAccessKeyAsync(new UpdateAccessKeyRequest { UserName = user, AccessKeyId = keyId, Status = "Active" }, CancellationToken.None);
        }
        catch (Exception e) when (AwsRefusal.IsDefinitive(e))
        {
            return Record(deactivation, StepResult.Failed, $"UpdateAccessKey failed: {AwsErrorDescriber.Describe(e)!.OneLineMessage}");
        }
        catch (Exception e) when (AwsRefusal.IsWithoutAnswer(e))
        {
            // The request may have reached IAM and been carried out: only the key's status can say.
            var what = AwsErrorDescriber.Describe(e)?.OneLineMessage ?? e.GetType().Name;
            var readBack = await ReadStatusAsync(user, keyId);
            return readBack switch
            {
                "Active" => Record(deactivation, StepResult.Changed, $"reactivated (UpdateAccessKey got no definitive answer: {what}; read back Active)", "Active"),
                "Inactive" => Record(deactivation, StepResult.Failed, $"UpdateAccessKey got no definitive answer ({what}); read back still Inactive", "Inactive"),
                Gone => Record(deactivation, StepResult.Skipped, $"changed since: key {keyId} of {user} no longer exists (after UpdateAccessKey got no definitive answer: {what})"),
                _ => Record(deactivation, StepResult.Unknown, $"UpdateAccessKey got no definitive answer ({what}) and the key could not be read back: it may be Active or Inactive; run undo again"),
            };
        }

        TestPausePoint.Reach("after-reactivate", deactivation.StepId!);
        var after = await ReadStatusAsync(user, keyId);
        return Record(deactivation, StepResult.Changed, "reactivated", after);
    }

    private const string Gone = "gone";

    private const string Unreadable = "unknown (read-back failed)";

    /// <summary>The key's status as ListAccessKeys shows it, <see cref="Gone"/>, or <see cref="Unreadable"/>.</summary>
    private async Task<string> ReadStatusAsync(string user, string keyId)
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

            return Gone;
        }
        catch (Exception e) when (AwsErrorDescriber.Describe(e) is { Kind: AwsFailureKind.NoSuchEntity })
        {
            return Gone;
        }
        catch (Exception e) when (AwsRefusal.IsWithoutAnswer(e))
        {
            return Unreadable;
        }
    }

    private StepReport Record(JournalRecord deactivation, string result, string reason, string? statusAfter = null)
    {
        Append(deactivation, JournalRecord.Outcome, result, reason, statusAfter);
        return Report(deactivation, result, reason);
    }

    private void Append(JournalRecord deactivation, string type, string? result, string reason, string? statusAfter)
    {
        var record = new JournalRecord(
            type, deactivation.PlanId, Timestamps.Format(clock.GetUtcNow()), deactivation.StepId, JournalRecord.Reactivate,
            deactivation.AccountId, deactivation.User, deactivation.KeyId, deactivation.KeepKeyId, result, reason, statusAfter);
        state.Add(journal.Append(record));
    }

    private static StepReport Report(JournalRecord deactivation, string result, string reason) =>
        new(deactivation.StepId!, deactivation.AccountId!, deactivation.User!, deactivation.KeyId!, result, reason);
}
