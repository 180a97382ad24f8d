using KeyWarden.Aws;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.Inventory;
using KeyWarden.Reports;

namespace KeyWarden.Remediation;

/// <summary>
/// Carries out a plan's steps for one account. Per step, immediately before acting: re-read the user's keys,
/// check the preconditions, write the intent to the journal (on disk), UpdateAccessKey(UserName, key,
/// Inactive), read both keys back, write the outcome. Every step is re-read live, whatever the journal says
/// about earlier runs: the journal decides what undo may reverse, never that a step is done.
/// <para>
/// An UpdateAccessKey without a definitive answer (timeout, reset, 5xx or throttling after the retries) is
/// settled by reading the key back: Inactive is <c>changed</c>, still Active is <c>failed</c>, unreadable is
/// <c>unknown</c>. If the kept key is found no longer Active right after the change, the deactivated key is
/// reactivated at once (<c>reversed</c>): apply never leaves a user without an active key.
/// </para>
/// Cancellation is honoured only between steps: a step once begun runs to its outcome record. With
/// <see cref="ApplyOptions.DryRun"/> the journal is null, nothing is written and nothing is sent.
/// </summary>
public sealed class Applier
{
    private readonly IIamClient _iam;
    private readonly ChangeJournal? _journal;
    private readonly JournalState _state;
    private readonly TimeProvider _clock;
    private readonly ApplyOptions _options;
    private readonly LiveKeyReader _reader;

    public Applier(IIamClient iam, ChangeJournal? journal, JournalState state, TimeProvider clock, ApplyOptions options)
    {
        if (journal is null && !options.DryRun)
        {
            throw new ArgumentNullException(nameof(journal), "only a dry run goes without a journal");
        }

        _iam = iam;
        _journal = options.DryRun ? null : journal;
        _state = state;
        _clock = clock;
        _options = options;
        _reader = new LiveKeyReader(iam);
    }

    /// <param name="callerKeyIds">Every key the running tool's credentials rest on: never deactivated.</param>
    public async Task<RunReport> ApplyAsync(
        RemediationPlan plan, string accountId, IReadOnlyCollection<string> callerKeyIds, Action<StepReport> onStep, CancellationToken cancellationToken)
    {
        var reports = new List<StepReport>();
        string? stoppedBy = null;
        var changes = 0;
        foreach (var step in plan.Steps)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return new RunReport(reports, Interrupted: true);
            }

            StepReport report;
            if (_options.MaxChanges is { } max && changes >= max)
            {
                // A bound the user set: what is left waits for the next run, which re-checks it like any step.
                report = Report(step, StepResult.Skipped, "not attempted: the run reached --max-changes; apply again to go on");
            }
            else if (stoppedBy is not null)
            {
                // Fail fast: the same credentials would be refused the same way for every remaining step.
                report = Report(step, StepResult.NotAttempted, stoppedBy);
            }
            else if (step.AccountId != accountId)
            {
                report = Report(step, StepResult.Skipped, $"step is for account {step.AccountId}; the credentials are for {accountId}");
            }
            else
            {
                TestPausePoint.Reach("before-step", step.StepId);
                // From here the step runs to its end whatever Ctrl-C says: its outcome must reach the journal.
                var (done, refusedPermission) = await RunStepAsync(plan, step, callerKeyIds);
                report = done;
                if (refusedPermission && !_options.KeepGoing)
                {
                    stoppedBy = $"not attempted: the run stopped when UpdateAccessKey was refused at step {step.StepId} (pass --keep-going to go on after a refusal)";
                }
            }

            // A dry run counts what it would change, so that it stops where the real run would.
            if (report.Result is StepResult.Changed or StepReport.WouldDeactivate)
            {
                changes++;
            }

            reports.Add(report);
            onStep(report);
        }

        return new RunReport(reports, Interrupted: false);
    }

    private async Task<(StepReport Report, bool RefusedPermission)> RunStepAsync(RemediationPlan plan, PlanStep step, IReadOnlyCollection<string> callerKeyIds)
    {
        PrincipalKeys? live;
        try
        {
            live = await _reader.ReadAsync(step.User, step.Arn, CancellationToken.None);
        }
        catch (Exception e) when (AwsErrorDescriber.Describe(e) is { } failure)
        {
            return (Record(plan, step, StepResult.Failed, $"could not read the keys of {step.User}: {failure.OneLineMessage}"), false);
        }

        var owner = live is { ReadError: null } && live.Keys.All(k => k.Id != step.DeactivateKey)
            ? await OwnerOfAsync(step.DeactivateKey)
            : null;
        var (verdict, reason) = PreconditionCheck.Evaluate(step, live, _clock.GetUtcNow(), callerKeyIds, _options, owner, plan.Parameters.InUseDays);
        if (verdict == PreconditionVerdict.AlreadyDone && EarlierAttemptMayHaveChanged(plan, step) is { } earlier)
        {
            // An earlier run announced this change and never learnt its outcome: the key is Inactive because of us.
            return _options.DryRun
                ? (Report(step, StepResult.AlreadyDone, $"found Inactive; apply would record it as changed (recovered: {earlier})"), false)
                : (Record(plan, step, StepResult.Changed, $"recovered: {earlier}; found Inactive", "Inactive"), false);
        }

        // A key the journal says KeyWarden deactivated, found Active again: someone reactivated it. It is re-checked
        // like a new step (the journal never makes a step "done"), and the report says why it is back.
        var reactivatedSince = verdict is PreconditionVerdict.Proceed or PreconditionVerdict.Skip
            && live?.Keys.FirstOrDefault(k => k.Id == step.DeactivateKey) is { IsActive: true }
            && ChangedByAnEarlierRun(plan, step) is { } changedAt
                ? $"reactivated since the last run (journal says {changedAt}); re-checked: "
                : string.Empty;

        switch (verdict)
        {
            case PreconditionVerdict.AlreadyDone:
                return (Record(plan, step, StepResult.AlreadyDone, reason, "Inactive"), false);
            case PreconditionVerdict.Skip:
                return (Record(plan, step, StepResult.Skipped, reactivatedSince + reason), false);
            case PreconditionVerdict.Failed:
                return (Record(plan, step, StepResult.Failed, reason), false);
        }

        if (_options.DryRun)
        {
            var keeping = step.KeepKey is { } k ? $"would keep {k}" : "keeps no key (unused key)";
            return (Report(step, StepReport.WouldDeactivate, $"{reactivatedSince}would deactivate; {keeping} ({reason})"), false);
        }

        Append(plan, step, JournalRecord.Intent, JournalRecord.Deactivate, result: null, reason: "deactivating", statusAfter: null);
        TestPausePoint.Reach("after-intent", step.StepId);
        var sent = await SendAsync(step.User, step.DeactivateKey, "Inactive");
        if (sent.Refusal is { } refusal)
        {
            return (Record(plan, step, StepResult.Failed, $"UpdateAccessKey failed: {refusal}"), sent.RefusedPermission);
        }

        TestPausePoint.Reach("after-update", step.StepId);
        var after = await ReadBackAsync(step.User);
        var prefix = reactivatedSince;
        if (sent.Indefinite is { } indefinite)
        {
            var noAnswer = $"UpdateAccessKey got no definitive answer ({indefinite})";
            switch (after.StatusOf(step.DeactivateKey))
            {
                case null when after.Error is { } error:
                    return (Record(plan, step, StepResult.Unknown,
                        $"{prefix}{noAnswer} and the key could not be read back ({error}): it may or may not be Inactive; undo treats it as possibly changed",
                        "unknown (read-back failed)"), false);
                case null:
                    return (Record(plan, step, StepResult.Unknown, $"{prefix}{noAnswer}, and {step.DeactivateKey} is no longer listed for {step.User}", "gone"), false);
                case "Active":
                    return (Record(plan, step, StepResult.Failed, $"{prefix}{NotChangedAfterNoAnswer}{noAnswer}; read back, {step.DeactivateKey} is still Active", "Active"), false);
            }

            prefix += $"{noAnswer}; read back Inactive: ";
        }

        var statusAfter = after.Error is null ? after.StatusOf(step.DeactivateKey) ?? "gone" : "unknown (read-back failed)";
        if (step.KeepKey is null)
        {
            // An unused key's step keeps no key: there is no keeper to watch, so nothing to reverse.
            var unreadBack = after.Error is { } readError ? $" (could not read the keys back: {readError})" : string.Empty;
            return (Record(plan, step, StepResult.Changed, $"{prefix}deactivated the unused key{unreadBack}", statusAfter), false);
        }

        var keptStatus = after.StatusOf(step.KeepKey);
        if (after.Error is not null || keptStatus == "Active")
        {
            var unread = after.Error is { } e ? $" (could not read the keys back: {e})" : string.Empty;
            return (Record(plan, step, StepResult.Changed, $"{prefix}deactivated; kept {step.KeepKey}{unread}", statusAfter), false);
        }

        // The kept key stopped being Active between the precondition check and now (someone changed it in the
        // window). Record the deactivation truthfully, then put the key back so that the user keeps a working key.
        var kept = keptStatus ?? "gone";
        Record(plan, step, StepResult.Changed, $"{prefix}deactivated; then found kept key {step.KeepKey} {kept}", statusAfter);
        return (await ReverseAsync(plan, step, kept), false);
    }

    /// <summary>Reactivates the key just deactivated, journaled as a reversal (intent + outcome, action reactivate).</summary>
    private async Task<StepReport> ReverseAsync(RemediationPlan plan, PlanStep step, string keptStatus)
    {
        var why = $"kept key {step.KeepKey} was found {keptStatus} right after {step.DeactivateKey} was deactivated (changed by someone meanwhile)";
        Append(plan, step, JournalRecord.Intent, JournalRecord.Reactivate, result: null, reason: "reversing: " + why, statusAfter: null, reversal: true);
        var sent = await SendAsync(step.User, step.DeactivateKey, "Active");
        var after = sent.Refusal is null ? await ReadBackAsync(step.User) : ReadBack.Unread("not read");
        var status = after.StatusOf(step.DeactivateKey);
        if (sent.Refusal is null && (sent.Indefinite is null || status == "Active"))
        {
            Append(plan, step, JournalRecord.Outcome, JournalRecord.Reactivate, StepResult.Changed, "reactivated: " + why,
                after.Error is null ? status ?? "gone" : "unknown (read-back failed)", reversal: true);
            return Report(step, StepResult.Reversed, $"{why}; reactivated {step.DeactivateKey} so that {step.User} keeps an active key: KeyWarden left this user as it found it; find out who changed {step.KeepKey}, then re-plan");
        }

        var problem = sent.Refusal ?? $"no definitive answer ({sent.Indefinite})";
        var unknown = sent.Refusal is null && status is null;
        Append(plan, step, JournalRecord.Outcome, JournalRecord.Reactivate, unknown ? StepResult.Unknown : StepResult.Failed,
            $"could not reactivate: {problem}", status ?? "unknown (read-back failed)", reversal: true);
        return Report(step, unknown ? StepResult.Unknown : StepResult.Failed,
            $"{why}; reactivating {step.DeactivateKey} failed ({problem}): {step.User} may have no active key. Reactivate it now (keywarden undo <journal>, or by hand)");
    }

    // The start of a failed outcome's reason when the read-back, not IAM, said "not changed". IAM is eventually
    // consistent: should a later run find the key Inactive after all, that change was ours and undo must know it.
    private const string NotChangedAfterNoAnswer = "not changed: ";

    /// <summary>One UpdateAccessKey, classified: done, definitively refused, or ended without an answer.</summary>
    private async Task<SendResult> SendAsync(string user, string keyId, string status)
    {
        try
        {
            await _iam.UpdateAccessKeyAsync(new UpdateAccessKeyRequest { UserName = user, AccessKeyId = keyId, Status = status }, CancellationToken.None);
            return new SendResult(null, null, false);
        }
        catch (Exception e) when (AwsRefusal.IsDefinitive(e))
        {
            return new SendResult(AwsErrorDescriber.Describe(e)!.OneLineMessage, null, AwsRefusal.IsPermissionRefusal(e));
        }
        catch (Exception e) when (AwsRefusal.IsWithoutAnswer(e))
        {
            return new SendResult(null, AwsErrorDescriber.Describe(e)?.OneLineMessage ?? $"{e.GetType().Name}: {OneLine(e.Message)}", false);
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Both keys' status after a change, from one ListAccessKeys, or why they could not be read.</summary>
    private async Task<ReadBack> ReadBackAsync(string user)
    {
        try
        {
            var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
            await foreach (var key in _iam.ListAllAccessKeysAsync(user, CancellationToken.None))
            {
                statuses[key.AccessKeyId] = key.Status;
            }

            return new ReadBack(statuses, null);
        }
        catch (Exception e) when (AwsErrorDescriber.Describe(e) is { } failure)
        {
            return ReadBack.Unread(failure.OneLineMessage);
        }
        catch (Exception e) when (AwsRefusal.IsWithoutAnswer(e))
        {
            return ReadBack.Unread($"{e.GetType().Name}: {OneLine(e.Message)}");
        }
    }

    /// <summary>The user IAM says a key belongs to (GetAccessKeyLastUsed), or null when IAM does not know it or cannot say.</summary>
    private async Task<string?> OwnerOfAsync(string keyId)
    {
        try
        {
            return (await _iam.GetAccessKeyLastUsedAsync(new GetAccessKeyLastUsedRequest { AccessKeyId = keyId }, CancellationToken.None)).UserName;
        }
        catch (Exception e) when (AwsErrorDescriber.Describe(e) is not null)
        {
            return null;
        }
    }

    /// <summary>
    /// Why the key may be Inactive because of an earlier run of this step: its latest intent has no outcome (the
    /// process died inside the step), or its outcome said the answer was lost (<c>unknown</c>, or "not changed" on a
    /// read-back that may have been stale) and no later run settled it. Null otherwise.
    /// </summary>
    private string? EarlierAttemptMayHaveChanged(RemediationPlan plan, PlanStep step)
    {
        var records = _state.Records;
        var lastIntent = LastIndex(records, r => r.Type == JournalRecord.Intent && r.PlanId == plan.PlanId && r.StepId == step.StepId && r.Action == JournalRecord.Deactivate);
        if (lastIntent < 0)
        {
            return null;
        }

        var outcomes = records.Skip(lastIntent + 1).Where(r => IsOutcome(r, plan, step, JournalRecord.Deactivate)).ToList();
        if (outcomes.Count == 0)
        {
            return "an interrupted run deactivated this key";
        }

        var first = outcomes[0];
        var lostAnswer = first.Result == StepResult.Unknown
            || (first.Result == StepResult.Failed && first.Reason?.Contains(NotChangedAfterNoAnswer + "UpdateAccessKey got no definitive answer", StringComparison.Ordinal) == true);
        var settled = outcomes.Any(o => o.Result is StepResult.Changed or StepResult.AlreadyDone);
        return lostAnswer && !settled ? $"UpdateAccessKey of the run at {first.At} got no definitive answer; it took effect" : null;
    }

    /// <summary>
    /// When the journal says KeyWarden (possibly) deactivated this step's key and nothing put it back since:
    /// "changed at …" / "possibly changed at …". Later already-done outcomes do not change that.
    /// </summary>
    private string? ChangedByAnEarlierRun(RemediationPlan plan, PlanStep step)
    {
        var records = _state.Records;
        var last = LastIndex(records, r => IsOutcome(r, plan, step, JournalRecord.Deactivate) && r.Result is StepResult.Changed or StepResult.Unknown);
        if (last < 0)
        {
            return null;
        }

        var putBack = records.Skip(last + 1).Any(r => IsOutcome(r, plan, step, JournalRecord.Reactivate) && r.Result is StepResult.Changed or StepResult.AlreadyDone);
        return putBack ? null : $"{(records[last].Result == StepResult.Unknown ? "possibly changed" : "changed")} at {records[last].At}";
    }

    private static int LastIndex(IReadOnlyList<JournalRecord> records, Func<JournalRecord, bool> match)
    {
        for (var i = records.Count - 1; i >= 0; i--)
        {
            if (match(records[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsOutcome(JournalRecord r, RemediationPlan plan, PlanStep step, string action) =>
        r.Type == JournalRecord.Outcome && r.PlanId == plan.PlanId && r.StepId == step.StepId && r.Action == action;

    private StepReport Record(RemediationPlan plan, PlanStep step, string result, string reason, string? statusAfter = null)
    {
        Append(plan, step, JournalRecord.Outcome, JournalRecord.Deactivate, result, reason, statusAfter);
        return Report(step, result, reason);
    }

    private void Append(RemediationPlan plan, PlanStep step, string type, string action, string? result, string reason, string? statusAfter, bool reversal = false)
    {
        if (_journal is null)
        {
            return; // dry run
        }

        var record = new JournalRecord(
            type, plan.PlanId, Timestamps.Format(_clock.GetUtcNow()), step.StepId, action,
            step.AccountId, step.User, step.DeactivateKey, step.KeepKey, result, reason, statusAfter,
            Reversal: reversal ? true : null);
        _journal.Append(record);
        _state.Add(record);
    }

    private static StepReport Report(PlanStep step, string result, string reason) =>
        new(step.StepId, step.AccountId, step.User, step.DeactivateKey, result, reason);

    /// <param name="Refusal">Set when IAM definitively refused the call (nothing changed).</param>
    /// <param name="Indefinite">Set when the call ended without a definitive answer (it may have taken effect).</param>
    private sealed record SendResult(string? Refusal, string? Indefinite, bool RefusedPermission);

    private sealed record ReadBack(IReadOnlyDictionary<string, string> Statuses, string? Error)
    {
        public static ReadBack Unread(string error) => new(new Dictionary<string, string>(), error);

        public string? StatusOf(string keyId) => Statuses.TryGetValue(keyId, out var status) ? status : null;
    }
}
