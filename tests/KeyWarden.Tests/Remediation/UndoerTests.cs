using System.Net;
using Amazon.Runtime;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.Remediation;
using static KeyWarden.Tests.Remediation.RemediationCases;

namespace KeyWarden.Tests.Remediation;

public class UndoerTests : TempDirTest
{
    private string JournalPath => PathOf("plan.journal.jsonl");

    private async Task<FakeIam> AppliedAsync()
    {
        var iam = ThreeUserIam();
        var state = new JournalState(ChangeJournal.Read(JournalPath));
        using (var journal = ChangeJournal.OpenForAppend(JournalPath))
        {
            var run = await new Applier(iam, journal, state, new FixedClock(TestData.AsOf), new ApplyOptions(TimeSpan.FromHours(24), false))
                .ApplyAsync(ThreeUserPlan(), Account, [], _ => { }, CancellationToken.None);
            Assert.Equal(ExitCodes.Ok, run.ExitCode);
        }

        iam.Updates.Clear();
        return iam;
    }

    private Task<RunReport> UndoAsync(FakeIam iam, CancellationToken cancellationToken = default) =>
        new UndoHarness(JournalPath, iam).UndoAsync(cancellationToken);

    [Fact]
    public async Task Undo_reactivates_exactly_the_deactivated_keys()
    {
        var iam = await AppliedAsync();

        var run = await UndoAsync(iam);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal([(A1, StepResult.Changed), (B1, StepResult.Changed), (C1, StepResult.Changed)], run.Steps.Select(s => (s.KeyId, s.Result)));
        Assert.Equal([("alice", A1, "Active"), ("bob", B1, "Active"), ("carol", C1, "Active")],
            iam.Updates.Select(u => (u.UserName, u.AccessKeyId, u.Status)));
        Assert.All([A1, A2, B1, B2, C1, C2], k => Assert.Equal("Active", iam.StatusOf(k)));
    }

    [Fact]
    public async Task Undo_is_journaled_with_intent_before_outcome()
    {
        var iam = await AppliedAsync();
        var before = ChangeJournal.Read(JournalPath).Count;

        await UndoAsync(iam);

        var undo = ChangeJournal.Read(JournalPath).Skip(before).ToList();
        Assert.Equal(["1 intent", "1 outcome", "2 intent", "2 outcome", "3 intent", "3 outcome"], undo.Select(r => $"{r.StepId} {r.Type}"));
        Assert.All(undo, r => Assert.Equal(JournalRecord.Reactivate, r.Action));
        Assert.Equal("Active", undo[1].StatusAfter);
    }

    [Fact]
    public async Task Undo_touches_only_keys_still_Inactive_and_reports_the_ones_changed_since()
    {
        var iam = await AppliedAsync();
        iam[A1].Status = "Active"; // someone reactivated alice's key by hand
        iam.DeleteKey(B1);         // someone deleted bob's

        var run = await UndoAsync(iam);

        Assert.Equal([(A1, StepResult.AlreadyDone), (B1, StepResult.Skipped), (C1, StepResult.Changed)], run.Steps.Select(s => (s.KeyId, s.Result)));
        Assert.StartsWith("changed since", run.Steps[0].Reason);
        Assert.Contains("already Active", run.Steps[0].Reason);
        Assert.StartsWith("changed since", run.Steps[1].Reason);
        Assert.Contains("no longer exists", run.Steps[1].Reason);
        Assert.Equal([C1], iam.Updates.Select(u => u.AccessKeyId));
        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
    }

    [Fact]
    public async Task Undo_is_idempotent()
    {
        var iam = await AppliedAsync();
        await UndoAsync(iam);
        Assert.Equal(3, iam.Updates.Count);

        Assert.Empty(new JournalState(ChangeJournal.Read(JournalPath)).DeactivationsToUndo());
        var second = await UndoAsync(iam);

        Assert.Empty(second.Steps);
        Assert.Equal(3, iam.Updates.Count);
        Assert.Equal(ExitCodes.Ok, second.ExitCode);
    }

    [Fact]
    public async Task A_second_undo_after_keys_changed_since_sends_nothing()
    {
        var iam = await AppliedAsync();
        iam[A1].Status = "Active";
        iam.DeleteKey(B1);
        await UndoAsync(iam);
        iam.Updates.Clear();

        var second = await UndoAsync(iam);

        Assert.Empty(iam.Updates);
        Assert.DoesNotContain(second.Steps, s => s.Result == StepResult.Changed);
    }

    [Fact]
    public async Task Undo_leaves_alone_what_apply_skipped_failed_or_found_already_done()
    {
        var iam = ThreeUserIam();
        iam[A1].Status = "Inactive"; // already done before the apply
        iam[B2].Status = "Inactive"; // precondition fails for bob
        var state = new JournalState([]);
        using (var journal = ChangeJournal.OpenForAppend(JournalPath))
        {
            await new Applier(iam, journal, state, new FixedClock(TestData.AsOf), new ApplyOptions(TimeSpan.FromHours(24), false))
                .ApplyAsync(ThreeUserPlan(), Account, [], _ => { }, CancellationToken.None);
        }

        iam.Updates.Clear();
        var run = await UndoAsync(iam);

        Assert.Equal([C1], run.Steps.Select(s => s.KeyId));
        Assert.Equal([C1], iam.Updates.Select(u => u.AccessKeyId));
        Assert.Equal("Inactive", iam.StatusOf(A1)); // KeyWarden did not deactivate it, so it does not reactivate it
    }

    [Fact]
    public async Task Undo_AccessDenied_is_failed_and_a_rerun_retries_it()
    {
        var iam = await AppliedAsync();
        iam.DenyUpdates = true;

        var run = await UndoAsync(iam);
        Assert.All(run.Steps, s => Assert.Equal(StepResult.Failed, s.Result));
        Assert.Equal(ExitCodes.AwsOrRuntime, run.ExitCode);

        iam.DenyUpdates = false;
        var retry = await UndoAsync(iam);
        Assert.All(retry.Steps, s => Assert.Equal(StepResult.Changed, s.Result));
        Assert.All([A1, B1, C1], k => Assert.Equal("Active", iam.StatusOf(k)));
    }

    [Fact]
    public async Task Undo_recovers_after_a_crash_inside_a_reactivation()
    {
        var iam = await AppliedAsync();
        iam.CrashAfterNextUpdate = true;
        await Assert.ThrowsAsync<SimulatedCrashException>(() => UndoAsync(iam));
        Assert.Equal("Active", iam.StatusOf(A1));

        var rerun = await UndoAsync(iam);

        Assert.Equal([(A1, StepResult.Changed), (B1, StepResult.Changed), (C1, StepResult.Changed)], rerun.Steps.Select(s => (s.KeyId, s.Result)));
        Assert.StartsWith("recovered", rerun.Steps[0].Reason);
        Assert.Equal([A1, B1, C1], iam.Updates.Select(u => u.AccessKeyId)); // A1 sent once
    }

    [Fact]
    public async Task Undo_cancelled_mid_step_finishes_that_step_and_stops()
    {
        var iam = await AppliedAsync();
        using var cts = new CancellationTokenSource();
        iam.AfterUpdate = _ => cts.Cancel();

        var run = await UndoAsync(iam, cts.Token);

        Assert.True(run.Interrupted);
        Assert.Equal(ExitCodes.Interrupted, run.ExitCode);
        Assert.Equal([A1], run.Steps.Select(s => s.KeyId));
        Assert.Equal(("Active", "Inactive"), (iam.StatusOf(A1), iam.StatusOf(B1)));
    }

    private async Task<RunReport> UndoWithAsync(IIamClient iam, Func<JournalState, IReadOnlyList<UndoCandidate>>? select = null)
    {
        using var journal = ChangeJournal.OpenForAppend(JournalPath);
        var state = new JournalState(journal.Records);
        var undoer = new Undoer(iam, journal, state, new FixedClock(TestData.AsOf));
        return await undoer.UndoAsync(select?.Invoke(state) ?? state.UndoCandidates(), Account, _ => { }, CancellationToken.None);
    }

    [Fact]
    public async Task Undo_of_a_selection_reactivates_only_those_keys_and_a_later_undo_does_the_rest()
    {
        var iam = await AppliedAsync();

        var run = await UndoWithAsync(iam, state => UndoSelection.Select(state.UndoCandidates(), ["B*"], []).Selected!);

        Assert.Equal([B1], run.Steps.Select(s => s.KeyId));
        Assert.Equal([("bob", B1, "Active")], iam.Updates.Select(u => (u.UserName, u.AccessKeyId, u.Status)));
        Assert.Equal(("Inactive", "Active", "Inactive"), (iam.StatusOf(A1), iam.StatusOf(B1), iam.StatusOf(C1)));

        var rest = await UndoAsync(iam);
        Assert.Equal([A1, C1], rest.Steps.Select(s => s.KeyId));
    }

    [Fact]
    public async Task A_lost_answer_to_the_reactivation_is_read_back_and_recorded_as_changed()
    {
        var iam = await AppliedAsync();
        var losing = new LosingIam(iam) { LoseAnswerOfNextUpdate = true };

        var run = await UndoWithAsync(losing);

        Assert.Equal([StepResult.Changed, StepResult.Changed, StepResult.Changed], run.Steps.Select(s => s.Result));
        Assert.Contains("no definitive answer", run.Steps[0].Reason);
        Assert.Contains("read back Active", run.Steps[0].Reason);
        Assert.Empty(new JournalState(ChangeJournal.Read(JournalPath)).DeactivationsToUndo());
    }

    [Fact]
    public async Task A_reactivation_without_answer_and_without_read_back_is_unknown_and_undone_again_next_time()
    {
        var iam = await AppliedAsync();
        var losing = new LosingIam(iam) { LoseAnswerOfNextUpdate = true, FailReadsAfterUpdate = true };

        var run = await UndoWithAsync(losing, state => state.UndoCandidates().Take(1).ToList());

        var step = Assert.Single(run.Steps);
        Assert.Equal(StepResult.Unknown, step.Result);
        Assert.Contains("could not be read back", step.Reason);
        Assert.Equal(StepResult.Unknown, ChangeJournal.Read(JournalPath)[^1].Result);

        // The key is in fact Active now; the next undo finds it so, records it as its own change, and sends nothing for it.
        iam.Updates.Clear();
        var again = await UndoAsync(iam);
        Assert.Equal([(A1, StepResult.Changed), (B1, StepResult.Changed), (C1, StepResult.Changed)], again.Steps.Select(s => (s.KeyId, s.Result)));
        Assert.StartsWith("recovered", again.Steps[0].Reason);
        Assert.Equal([B1, C1], iam.Updates.Select(u => u.AccessKeyId));
    }

    [Fact]
    public async Task A_reactivation_that_got_no_answer_and_did_not_happen_is_failed_and_retried_next_time()
    {
        var iam = await AppliedAsync();
        var losing = new LosingIam(iam) { FailNextUpdateUnsent = true };

        var run = await UndoWithAsync(losing, state => state.UndoCandidates().Take(1).ToList());

        Assert.Equal(StepResult.Failed, Assert.Single(run.Steps).Result);
        Assert.Contains("still Inactive", run.Steps[0].Reason);
        Assert.Equal(3, new JournalState(ChangeJournal.Read(JournalPath)).DeactivationsToUndo().Count);
    }

    [Fact]
    public async Task A_deactivation_with_an_unknown_outcome_is_reactivated_if_found_Inactive()
    {
        var iam = ThreeUserIam();
        iam[A1].Status = "Inactive"; // the lost UpdateAccessKey did go through
        using (var journal = ChangeJournal.OpenForAppend(JournalPath))
        {
            journal.Append(new JournalRecord(JournalRecord.Intent, PlanId, "2026-11-28T08:30:00Z", "1", JournalRecord.Deactivate, Account, "alice", A1, A2));
            journal.Append(new JournalRecord(JournalRecord.Outcome, PlanId, "2026-11-28T08:30:01Z", "1", JournalRecord.Deactivate, Account, "alice", A1, A2,
                StepResult.Unknown, "UpdateAccessKey got no definitive answer and the key could not be read back"));
        }

        var run = await UndoAsync(iam);

        Assert.Equal((A1, StepResult.Changed), (Assert.Single(run.Steps).KeyId, run.Steps[0].Result));
        Assert.Equal("Active", iam.StatusOf(A1));
    }

    [Fact]
    public async Task A_deactivation_apply_reversed_itself_is_left_alone()
    {
        var iam = ThreeUserIam();
        using (var journal = ChangeJournal.OpenForAppend(JournalPath))
        {
            var intent = new JournalRecord(JournalRecord.Intent, PlanId, "2026-11-28T08:30:00Z", "1", JournalRecord.Deactivate, Account, "alice", A1, A2);
            journal.Append(intent);
            journal.Append(intent with { Type = JournalRecord.Outcome, Result = StepResult.Changed });
            journal.Append(intent with { Action = JournalRecord.Reactivate, Reversal = true });
            journal.Append(intent with { Type = JournalRecord.Outcome, Action = JournalRecord.Reactivate, Reversal = true, Result = StepResult.Changed });
        }

        var run = await UndoAsync(iam);

        Assert.Empty(run.Steps);
        Assert.Empty(iam.Updates);
    }
}

/// <summary>Wraps <see cref="FakeIam"/> to lose IAM's answers: the kinds of failure after which only a read-back can say what happened.</summary>
internal sealed class LosingIam(FakeIam inner) : IIamClient
{
    /// <summary>The next UpdateAccessKey is carried out, then its answer is lost (throttling after the retries).</summary>
    public bool LoseAnswerOfNextUpdate { get; set; }

    /// <summary>The next UpdateAccessKey is not carried out and ends with HTTP 503.</summary>
    public bool FailNextUpdateUnsent { get; set; }

    /// <summary>After an UpdateAccessKey, every ListAccessKeys ends with HTTP 503.</summary>
    public bool FailReadsAfterUpdate { get; set; }

    private bool _updated;

    private static AmazonServiceException Unavailable() =>
        new("Service Unavailable", null, ErrorType.Receiver, "ServiceUnavailable", "request-2", HttpStatusCode.ServiceUnavailable);

    public async Task<UpdateAccessKeyResponse> UpdateAccessKeyAsync(UpdateAccessKeyRequest request, CancellationToken cancellationToken = default)
    {
        if (FailNextUpdateUnsent)
        {
            FailNextUpdateUnsent = false;
            throw Unavailable();
        }

        var response = await inner.UpdateAccessKeyAsync(request, cancellationToken);
        _updated = true;
        if (LoseAnswerOfNextUpdate)
        {
            LoseAnswerOfNextUpdate = false;
            throw new AmazonServiceException("Rate exceeded", null, ErrorType.Sender, "Throttling", "request-3", HttpStatusCode.BadRequest);
        }

        return response;
    }

    public Task<ListAccessKeysResponse> ListAccessKeysAsync(ListAccessKeysRequest request, CancellationToken cancellationToken = default) =>
        FailReadsAfterUpdate && _updated ? throw Unavailable() : inner.ListAccessKeysAsync(request, cancellationToken);

    public Task<ListUsersResponse> ListUsersAsync(ListUsersRequest request, CancellationToken cancellationToken = default) => inner.ListUsersAsync(request, cancellationToken);

    public Task<GetAccessKeyLastUsedResponse> GetAccessKeyLastUsedAsync(GetAccessKeyLastUsedRequest request, CancellationToken cancellationToken = default) =>
        inner.GetAccessKeyLastUsedAsync(request, cancellationToken);

    public Task<GenerateCredentialReportResponse> GenerateCredentialReportAsync(GenerateCredentialReportRequest request, CancellationToken cancellationToken = default) =>
        inner.GenerateCredentialReportAsync(request, cancellationToken);

    public Task<GetCredentialReportResponse> GetCredentialReportAsync(GetCredentialReportRequest request, CancellationToken cancellationToken = default) =>
        inner.GetCredentialReportAsync(request, cancellationToken);

    public Task<GetAccountSummaryResponse> GetAccountSummaryAsync(GetAccountSummaryRequest request, CancellationToken cancellationToken = default) =>
        inner.GetAccountSummaryAsync(request, cancellationToken);

    public void Dispose() => inner.Dispose();
}
