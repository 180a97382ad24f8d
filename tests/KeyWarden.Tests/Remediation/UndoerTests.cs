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
}
