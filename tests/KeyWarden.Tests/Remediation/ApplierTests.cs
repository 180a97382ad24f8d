using KeyWarden.Remediation;
using static KeyWarden.Tests.Remediation.RemediationCases;

namespace KeyWarden.Tests.Remediation;

public class ApplierTests : TempDirTest
{
    private static readonly ApplyOptions Options = new(TimeSpan.FromHours(24), AllowRecentlyUsed: false);
    private static readonly FixedClock Clock = new(TestData.AsOf);

    private string JournalPath => PathOf("plan.journal.jsonl");

    /// <summary>One apply run as the CLI does it: fold the journal on disk, open it, apply, close it.</summary>
    private async Task<RunReport> ApplyAsync(FakeIam iam, RemediationPlan plan, string? callerKeyId = null, ApplyOptions? options = null,
        CancellationToken cancellationToken = default, List<StepReport>? seen = null)
    {
        var state = new JournalState(ChangeJournal.Read(JournalPath));
        using var journal = ChangeJournal.OpenForAppend(JournalPath);
        var applier = new Applier(iam, journal, state, Clock, options ?? Options);
        return await applier.ApplyAsync(plan, Account, callerKeyId is null ? [] : [callerKeyId], r => seen?.Add(r), cancellationToken);
    }

    private IReadOnlyList<JournalRecord> Journal() => ChangeJournal.Read(JournalPath);

    [Fact]
    public async Task Deactivates_exactly_the_planned_keys_naming_the_user()
    {
        var iam = ThreeUserIam();
        var seen = new List<StepReport>();

        var run = await ApplyAsync(iam, ThreeUserPlan(), seen: seen);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.False(run.Interrupted);
        Assert.Equal([StepResult.Changed, StepResult.Changed, StepResult.Changed], run.Steps.Select(s => s.Result));
        Assert.Equal(run.Steps, seen);
        Assert.Equal([("alice", A1, "Inactive"), ("bob", B1, "Inactive"), ("carol", C1, "Inactive")],
            iam.Updates.Select(u => (u.UserName, u.AccessKeyId, u.Status)));
        Assert.Equal(("Inactive", "Active"), (iam.StatusOf(A1), iam.StatusOf(A2)));
        Assert.Equal(("Inactive", "Active"), (iam.StatusOf(B1), iam.StatusOf(B2)));
        Assert.Equal(("Inactive", "Active"), (iam.StatusOf(C1), iam.StatusOf(C2)));
    }

    [Fact]
    public async Task The_journal_has_each_intent_before_its_outcome()
    {
        await ApplyAsync(ThreeUserIam(), ThreeUserPlan());

        var records = Journal();
        Assert.Equal(
            ["1 intent", "1 outcome", "2 intent", "2 outcome", "3 intent", "3 outcome"],
            records.Select(r => $"{r.StepId} {r.Type}"));
        Assert.All(records, r =>
        {
            Assert.Equal(PlanId, r.PlanId);
            Assert.Equal(JournalRecord.Deactivate, r.Action);
            Assert.Equal(Account, r.AccountId);
            Assert.Equal("2026-11-28T09:00:00Z", r.At);
        });
        var outcome = records[1];
        Assert.Equal(("alice", A1, A2, StepResult.Changed, "Inactive"), (outcome.User, outcome.KeyId, outcome.KeepKeyId, outcome.Result, outcome.StatusAfter));
        Assert.Null(records[0].Result);
    }

    [Fact]
    public async Task The_intent_is_on_disk_before_UpdateAccessKey_is_sent()
    {
        var iam = ThreeUserIam();
        var onDiskAtUpdate = new List<string>();
        iam.AfterUpdate = u =>
        {
            // Another reader of the journal file, at the moment IAM receives the call.
            var last = ReadFileBypassingLock(JournalPath).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
            onDiskAtUpdate.Add(last);
        };

        await ApplyAsync(iam, ThreeUserPlan());

        Assert.Equal(3, onDiskAtUpdate.Count);
        Assert.All(onDiskAtUpdate, line => Assert.Contains("\"type\":\"intent\"", line));
        Assert.Contains(A1, onDiskAtUpdate[0]);
        Assert.Contains(C1, onDiskAtUpdate[2]);
    }

    [Fact]
    public async Task Applying_twice_sends_no_second_UpdateAccessKey()
    {
        var iam = ThreeUserIam();
        var plan = ThreeUserPlan();
        await ApplyAsync(iam, plan);
        Assert.Equal(3, iam.Updates.Count);

        var second = await ApplyAsync(iam, plan);

        Assert.Equal(3, iam.Updates.Count);
        Assert.All(second.Steps, s => Assert.Equal(StepResult.AlreadyDone, s.Result));
        Assert.Equal(ExitCodes.Ok, second.ExitCode);
    }

    [Fact]
    public async Task Applying_twice_with_a_fresh_journal_finds_the_keys_Inactive_and_sends_nothing()
    {
        var iam = ThreeUserIam();
        var plan = ThreeUserPlan();
        await ApplyAsync(iam, plan);
        File.Delete(JournalPath);

        var second = await ApplyAsync(iam, plan);

        Assert.Equal(3, iam.Updates.Count);
        Assert.All(second.Steps, s => Assert.Equal(StepResult.AlreadyDone, s.Result));
        Assert.All(second.Steps, s => Assert.Contains("already Inactive", s.Reason));
        Assert.Equal(ExitCodes.Ok, second.ExitCode);
    }

    [Fact]
    public async Task A_failed_precondition_skips_only_that_step_and_exits_4()
    {
        var iam = ThreeUserIam();
        iam[B2].Status = "Inactive"; // bob's kept key was deactivated after the plan was made

        var run = await ApplyAsync(iam, ThreeUserPlan());

        Assert.Equal([StepResult.Changed, StepResult.Skipped, StepResult.Changed], run.Steps.Select(s => s.Result));
        Assert.Contains($"kept key {B2}", run.Steps[1].Reason);
        Assert.Equal([A1, C1], iam.Updates.Select(u => u.AccessKeyId));
        Assert.Equal("Active", iam.StatusOf(B1));
        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
        var bob = Journal().Where(r => r.StepId == "2").ToList();
        Assert.Equal(StepResult.Skipped, Assert.Single(bob).Result); // no intent: nothing was announced
    }

    [Fact]
    public async Task A_key_used_since_the_plan_is_skipped_unless_allowed()
    {
        var iam = ThreeUserIam();
        iam[A1].LastUsed = TestData.AsOf.UtcDateTime.AddHours(-1);

        var run = await ApplyAsync(iam, ThreeUserPlan());
        Assert.Equal(StepResult.Skipped, run.Steps[0].Result);
        Assert.Contains("after the plan saw it", run.Steps[0].Reason);
        Assert.DoesNotContain(iam.Updates, u => u.AccessKeyId == A1);

        var allowed = await ApplyAsync(iam, ThreeUserPlan(), options: Options with { AllowRecentlyUsed = true });
        Assert.Equal(StepResult.Changed, allowed.Steps[0].Result);
        Assert.Equal("Inactive", iam.StatusOf(A1));
    }

    [Fact]
    public async Task The_callers_own_key_is_never_deactivated()
    {
        var iam = ThreeUserIam();

        var run = await ApplyAsync(iam, ThreeUserPlan(), callerKeyId: B1);

        Assert.Equal(StepResult.Skipped, run.Steps[1].Result);
        Assert.Contains("running with", run.Steps[1].Reason);
        Assert.Equal("Active", iam.StatusOf(B1));
        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
    }

    [Fact]
    public async Task A_user_deleted_since_the_plan_is_skipped()
    {
        var iam = ThreeUserIam();
        iam.DeleteUser("alice");

        var run = await ApplyAsync(iam, ThreeUserPlan());

        Assert.Equal([StepResult.Skipped, StepResult.Changed, StepResult.Changed], run.Steps.Select(s => s.Result));
        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
    }

    [Fact]
    public async Task AccessDenied_is_failed_recorded_and_exits_3()
    {
        var iam = ThreeUserIam();
        iam.DenyUpdates = true;

        var run = await ApplyAsync(iam, ThreeUserPlan());

        Assert.All(run.Steps, s =>
        {
            Assert.Equal(StepResult.Failed, s.Result);
            Assert.Contains("AccessDenied", s.Reason);
            Assert.Contains("iam:UpdateAccessKey", s.Reason);
        });
        Assert.Equal(ExitCodes.AwsOrRuntime, run.ExitCode);
        Assert.All([A1, B1, C1], k => Assert.Equal("Active", iam.StatusOf(k)));
        var records = Journal();
        Assert.Equal(["1 intent", "1 outcome", "2 intent", "2 outcome", "3 intent", "3 outcome"], records.Select(r => $"{r.StepId} {r.Type}"));
        Assert.All(records.Where(r => r.Type == JournalRecord.Outcome), r => Assert.Equal(StepResult.Failed, r.Result));

        // Once the permission is granted, a re-run does the failed steps.
        iam.DenyUpdates = false;
        var retry = await ApplyAsync(iam, ThreeUserPlan());
        Assert.All(retry.Steps, s => Assert.Equal(StepResult.Changed, s.Result));
        Assert.Equal(ExitCodes.Ok, retry.ExitCode);
    }

    [Fact]
    public async Task A_step_for_another_account_is_skipped_without_calling_IAM()
    {
        var iam = ThreeUserIam();
        var plan = ThreeUserPlan();
        var foreign = plan with
        {
            Accounts = [.. plan.Accounts, new PlanAccount("999999999999", "aws")],
            Steps = [plan.Steps[0] with { AccountId = "999999999999" }, .. plan.Steps.Skip(1)],
        };

        var run = await ApplyAsync(iam, foreign);

        Assert.Equal(StepResult.Skipped, run.Steps[0].Result);
        Assert.Contains("999999999999", run.Steps[0].Reason);
        Assert.Equal([B1, C1], iam.Updates.Select(u => u.AccessKeyId));
    }

    [Fact]
    public async Task Cancellation_requested_before_the_run_stops_before_the_first_step()
    {
        var iam = ThreeUserIam();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var run = await ApplyAsync(iam, ThreeUserPlan(), cancellationToken: cts.Token);

        Assert.True(run.Interrupted);
        Assert.Empty(run.Steps);
        Assert.Empty(iam.Updates);
        Assert.Equal(ExitCodes.Interrupted, run.ExitCode);
    }

    [Fact]
    public async Task Cancellation_during_a_step_lets_it_finish_and_stops_before_the_next()
    {
        var iam = ThreeUserIam();
        using var cts = new CancellationTokenSource();
        iam.AfterUpdate = _ => cts.Cancel(); // Ctrl-C while UpdateAccessKey for step 1 is in flight

        var run = await ApplyAsync(iam, ThreeUserPlan(), cancellationToken: cts.Token);

        Assert.True(run.Interrupted);
        Assert.Equal(ExitCodes.Interrupted, run.ExitCode);
        var step = Assert.Single(run.Steps);
        Assert.Equal(("1", StepResult.Changed), (step.StepId, step.Result));
        Assert.Equal([A1], iam.Updates.Select(u => u.AccessKeyId));
        Assert.Equal(["1 intent", "1 outcome"], Journal().Select(r => $"{r.StepId} {r.Type}"));
        Assert.Equal("Inactive", Journal()[1].StatusAfter);

        // Re-running finishes the rest without repeating step 1.
        var rest = await ApplyAsync(iam, ThreeUserPlan());
        Assert.Equal([StepResult.AlreadyDone, StepResult.Changed, StepResult.Changed], rest.Steps.Select(s => s.Result));
        Assert.Equal([A1, B1, C1], iam.Updates.Select(u => u.AccessKeyId));
    }

    [Fact]
    public async Task Recovery_after_a_crash_inside_a_step_records_the_change_and_undo_reverses_it()
    {
        var iam = ThreeUserIam();
        var plan = ThreeUserPlan();
        iam.AfterUpdate = u =>
        {
            if (u.AccessKeyId == B1)
            {
                iam.CrashAfterNextUpdate = true;
            }
        };

        // Killed right after IAM made step 2's change, before the outcome was written.
        await Assert.ThrowsAsync<SimulatedCrashException>(() => ApplyAsync(iam, plan));
        Assert.Equal("Inactive", iam.StatusOf(B1));
        Assert.Equal(["1 intent", "1 outcome", "2 intent"], Journal().Select(r => $"{r.StepId} {r.Type}"));
        Assert.True(new JournalState(Journal()).HasPendingIntent(PlanId, "2", JournalRecord.Deactivate));

        iam.AfterUpdate = null;
        var rerun = await ApplyAsync(iam, plan);

        Assert.Equal([StepResult.AlreadyDone, StepResult.Changed, StepResult.Changed], rerun.Steps.Select(s => s.Result));
        Assert.StartsWith("recovered", rerun.Steps[1].Reason);
        Assert.Equal([A1, B1, C1], iam.Updates.Select(u => u.AccessKeyId)); // B1 not sent twice
        var bobOutcome = Journal().Last(r => r.StepId == "2" && r.Type == JournalRecord.Outcome);
        Assert.Equal(StepResult.Changed, bobOutcome.Result);

        // Undo reactivates all three, including the recovered one.
        var undo = await new UndoHarness(JournalPath, iam).UndoAsync();
        Assert.All(undo.Steps, s => Assert.Equal(StepResult.Changed, s.Result));
        Assert.All([A1, B1, C1], k => Assert.Equal("Active", iam.StatusOf(k)));
    }

    [Fact]
    public async Task Undo_straight_from_a_journal_cut_short_by_a_crash_reactivates_the_announced_key()
    {
        var iam = ThreeUserIam();
        iam.CrashAfterNextUpdate = true;
        await Assert.ThrowsAsync<SimulatedCrashException>(() => ApplyAsync(iam, ThreeUserPlan()));
        Assert.Equal("Inactive", iam.StatusOf(A1));

        var undo = await new UndoHarness(JournalPath, iam).UndoAsync();

        var step = Assert.Single(undo.Steps);
        Assert.Equal((A1, StepResult.Changed), (step.KeyId, step.Result));
        Assert.Equal("Active", iam.StatusOf(A1));
    }

    [Fact]
    public async Task A_crash_before_UpdateAccessKey_reached_IAM_is_simply_redone()
    {
        var iam = ThreeUserIam();
        // The intent was written, then the process died before the call: the key is still Active.
        using (var journal = ChangeJournal.OpenForAppend(JournalPath))
        {
            journal.Append(new JournalRecord(JournalRecord.Intent, PlanId, "2026-11-28T08:30:00Z", "1", JournalRecord.Deactivate, Account, "alice", A1, A2));
        }

        var run = await ApplyAsync(iam, ThreeUserPlan());

        Assert.Equal([StepResult.Changed, StepResult.Changed, StepResult.Changed], run.Steps.Select(s => s.Result));
        Assert.Equal("deactivated; kept " + A2, run.Steps[0].Reason);
        Assert.Equal([A1, B1, C1], iam.Updates.Select(u => u.AccessKeyId));
    }

    internal static string ReadFileBypassingLock(string path)
    {
        // The journal is held with FileShare.None (an advisory lock on Unix); cat does not take that lock.
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("cat", [path]) { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return text;
    }
}

/// <summary>One undo run as the CLI does it: fold the journal, open it, undo, close it.</summary>
internal sealed class UndoHarness(string journalPath, FakeIam iam)
{
    public async Task<RunReport> UndoAsync(CancellationToken cancellationToken = default)
    {
        var state = new JournalState(ChangeJournal.Read(journalPath));
        using var journal = ChangeJournal.OpenForAppend(journalPath);
        return await new Undoer(iam, journal, state, new FixedClock(TestData.AsOf)).UndoAsync(RemediationCases.Account, _ => { }, cancellationToken);
    }
}
