using KeyWarden.Remediation;
using static KeyWarden.Tests.Remediation.RemediationCases;

namespace KeyWarden.Tests.Remediation;

public class ApplierTests : TempDirTest
{
    private static readonly ApplyOptions Options = new(TimeSpan.FromHours(24), AllowRecentlyUsed: false);
    private static readonly FixedClock Clock = new(TestData.AsOf);

    private string JournalPath => PathOf("plan.journal.jsonl");

    /// <summary>One apply run as the CLI does it: open the journal (lock), fold its records, apply, close it. A dry run opens nothing.</summary>
    private async Task<RunReport> ApplyAsync(FakeIam iam, RemediationPlan plan, string? callerKeyId = null, ApplyOptions? options = null,
        CancellationToken cancellationToken = default, List<StepReport>? seen = null)
    {
        options ??= Options;
        if (options.DryRun)
        {
            var records = File.Exists(JournalPath) ? ChangeJournal.Read(JournalPath) : [];
            return await new Applier(iam, null, new JournalState(records), Clock, options)
                .ApplyAsync(plan, Account, callerKeyId is null ? [] : [callerKeyId], r => seen?.Add(r), cancellationToken);
        }

        using var journal = ChangeJournal.OpenForAppend(JournalPath);
        var applier = new Applier(iam, journal, new JournalState(journal.Records), Clock, options);
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
    public async Task AccessDenied_stops_the_run_the_rest_not_attempted_and_not_journaled_exit_3()
    {
        var iam = ThreeUserIam();
        iam.DenyUpdates = true;

        var run = await ApplyAsync(iam, ThreeUserPlan());

        Assert.Equal([StepResult.Failed, StepResult.NotAttempted, StepResult.NotAttempted], run.Steps.Select(s => s.Result));
        Assert.Contains("AccessDenied", run.Steps[0].Reason);
        Assert.Contains("iam:UpdateAccessKey", run.Steps[0].Reason);
        Assert.All(run.Steps.Skip(1), s => Assert.Contains("--keep-going", s.Reason));
        Assert.Single(iam.Updates);
        Assert.Equal(ExitCodes.AwsOrRuntime, run.ExitCode);
        Assert.All([A1, B1, C1], k => Assert.Equal("Active", iam.StatusOf(k)));
        Assert.Equal(["1 intent", "1 outcome"], Journal().Select(r => $"{r.StepId} {r.Type}"));
        Assert.Equal(StepResult.Failed, Journal()[1].Result);

        // Once the permission is granted, a re-run does the failed and the not attempted steps.
        iam.DenyUpdates = false;
        var retry = await ApplyAsync(iam, ThreeUserPlan());
        Assert.All(retry.Steps, s => Assert.Equal(StepResult.Changed, s.Result));
        Assert.Equal(ExitCodes.Ok, retry.ExitCode);
    }

    [Fact]
    public async Task With_keep_going_every_step_is_tried_and_each_AccessDenied_recorded()
    {
        var iam = ThreeUserIam();
        iam.DenyUpdates = true;

        var run = await ApplyAsync(iam, ThreeUserPlan(), options: Options with { KeepGoing = true });

        Assert.All(run.Steps, s => Assert.Equal(StepResult.Failed, s.Result));
        Assert.Equal(3, iam.Updates.Count);
        Assert.Equal(ExitCodes.AwsOrRuntime, run.ExitCode);
        Assert.Equal(["1 intent", "1 outcome", "2 intent", "2 outcome", "3 intent", "3 outcome"], Journal().Select(r => $"{r.StepId} {r.Type}"));
    }

    [Fact]
    public async Task A_definitive_refusal_other_than_permission_fails_that_step_only_without_a_read_back_guess()
    {
        var iam = ThreeUserIam();
        iam.FailBeforeUpdate = u => u.AccessKeyId == A1 ? FakeIam.InvalidInput() : null;

        var run = await ApplyAsync(iam, ThreeUserPlan());

        Assert.Equal([StepResult.Failed, StepResult.Changed, StepResult.Changed], run.Steps.Select(s => s.Result));
        Assert.StartsWith("UpdateAccessKey failed: InvalidInput", run.Steps[0].Reason);
        Assert.Equal("Active", iam.StatusOf(A1));
    }

    public static TheoryData<string> IndefiniteFailures => new() { "throttled", "service failure", "connection reset", "timed out" };

    private static Exception Indefinite(string kind) => kind switch
    {
        "throttled" => FakeIam.Throttled(),
        "service failure" => FakeIam.ServiceFailure(),
        "connection reset" => FakeIam.ConnectionReset(),
        _ => FakeIam.TimedOut(),
    };

    [Theory]
    [MemberData(nameof(IndefiniteFailures))]
    public async Task A_lost_response_after_the_change_is_read_back_and_recorded_as_changed(string kind)
    {
        var iam = ThreeUserIam();
        iam.DropResponseAfterUpdate = u => u.AccessKeyId == B1 ? Indefinite(kind) : null;

        var run = await ApplyAsync(iam, ThreeUserPlan());

        Assert.Equal([StepResult.Changed, StepResult.Changed, StepResult.Changed], run.Steps.Select(s => s.Result));
        Assert.Contains("no definitive answer", run.Steps[1].Reason);
        Assert.Contains("read back Inactive", run.Steps[1].Reason);
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(3, iam.Updates.Count); // not sent twice
        var outcome = Journal().Single(r => r.StepId == "2" && r.Type == JournalRecord.Outcome);
        Assert.Equal((StepResult.Changed, "Inactive"), (outcome.Result, outcome.StatusAfter));

        // Being "changed" in the journal, undo puts it back.
        iam.DropResponseAfterUpdate = null;
        var undo = await new UndoHarness(JournalPath, iam).UndoAsync();
        Assert.All(undo.Steps, s => Assert.Equal(StepResult.Changed, s.Result));
        Assert.Equal("Active", iam.StatusOf(B1));
    }

    [Theory]
    [MemberData(nameof(IndefiniteFailures))]
    public async Task No_answer_and_the_key_still_Active_is_failed_not_changed(string kind)
    {
        var iam = ThreeUserIam();
        iam.FailBeforeUpdate = u => u.AccessKeyId == B1 ? Indefinite(kind) : null;

        var run = await ApplyAsync(iam, ThreeUserPlan());

        Assert.Equal([StepResult.Changed, StepResult.Failed, StepResult.Changed], run.Steps.Select(s => s.Result));
        Assert.StartsWith("not changed: UpdateAccessKey got no definitive answer", run.Steps[1].Reason);
        Assert.Contains("still Active", run.Steps[1].Reason);
        Assert.Equal("Active", iam.StatusOf(B1));
        Assert.Equal(ExitCodes.AwsOrRuntime, run.ExitCode);

        // Not a permission problem: the run went on; and a re-run does the step.
        iam.FailBeforeUpdate = null;
        var rerun = await ApplyAsync(iam, ThreeUserPlan());
        Assert.Equal(StepResult.Changed, rerun.Steps[1].Result);
        Assert.Equal("Inactive", iam.StatusOf(B1));
    }

    [Fact]
    public async Task No_answer_and_no_read_back_is_unknown_exit_3_and_a_rerun_that_finds_it_Inactive_records_it_as_changed()
    {
        var iam = ThreeUserIam();
        iam.DropResponseAfterUpdate = u => u.AccessKeyId == A1 ? FakeIam.ConnectionReset() : null;
        var listedAlice = 0;
        // The read before the step works; the read-back after the lost answer fails too.
        iam.FailListAccessKeys = user => user == "alice" && ++listedAlice > 1 ? FakeIam.Throttled() : null;

        var run = await ApplyAsync(iam, ThreeUserPlan());

        Assert.Equal(StepResult.Unknown, run.Steps[0].Result);
        Assert.Contains("could not be read back", run.Steps[0].Reason);
        Assert.Contains("possibly changed", run.Steps[0].Reason);
        Assert.Equal(ExitCodes.AwsOrRuntime, run.ExitCode);
        Assert.Equal(StepResult.Unknown, Journal().Single(r => r.StepId == "1" && r.Type == JournalRecord.Outcome).Result);

        iam.FailListAccessKeys = null;
        iam.DropResponseAfterUpdate = null;
        var rerun = await ApplyAsync(iam, ThreeUserPlan());

        Assert.Equal([StepResult.Changed, StepResult.AlreadyDone, StepResult.AlreadyDone], rerun.Steps.Select(s => s.Result));
        Assert.StartsWith("recovered: UpdateAccessKey of the run at", rerun.Steps[0].Reason);
        Assert.Equal(3, iam.Updates.Count); // A1 not sent again
        var last = Journal().Last(r => r.StepId == "1" && r.Type == JournalRecord.Outcome);
        Assert.Equal((StepResult.Changed, "Inactive"), (last.Result, last.StatusAfter));
        var undo = await new UndoHarness(JournalPath, iam).UndoAsync();
        Assert.Equal(3, undo.Steps.Count(s => s.Result == StepResult.Changed));
        Assert.Equal("Active", iam.StatusOf(A1));
    }

    [Fact]
    public async Task Read_back_Active_after_no_answer_then_Inactive_later_is_ours_and_recorded_as_changed()
    {
        // IAM is eventually consistent: the read-back may still show the old status.
        var iam = ThreeUserIam();
        iam.DropResponseAfterUpdate = u =>
        {
            if (u.AccessKeyId == A1)
            {
                iam[A1].Status = "Active"; // what the stale read-back will show
            }

            return u.AccessKeyId == A1 ? FakeIam.TimedOut() : null;
        };
        var first = await ApplyAsync(iam, ThreeUserPlan());
        Assert.Equal(StepResult.Failed, first.Steps[0].Result);

        iam.DropResponseAfterUpdate = null;
        iam.FailBeforeUpdate = u => u.AccessKeyId == A1 ? throw new InvalidOperationException("A1 must not be sent again") : null;
        iam[A1].Status = "Inactive"; // the change became visible
        var rerun = await ApplyAsync(iam, ThreeUserPlan());

        Assert.Equal(StepResult.Changed, rerun.Steps[0].Result);
        Assert.StartsWith("recovered", rerun.Steps[0].Reason);
    }

    [Fact]
    public async Task A_kept_key_deactivated_right_after_the_change_is_reversed_journaled_and_exits_4()
    {
        var iam = ThreeUserIam();
        // Someone deactivates bob's kept key between apply's check and its read-back.
        iam.AfterUpdate = u =>
        {
            if (u.AccessKeyId == B1 && u.Status == "Inactive")
            {
                iam[B2].Status = "Inactive";
            }
        };

        var run = await ApplyAsync(iam, ThreeUserPlan());

        Assert.Equal([StepResult.Changed, StepResult.Reversed, StepResult.Changed], run.Steps.Select(s => s.Result));
        Assert.Contains($"kept key {B2} was found Inactive", run.Steps[1].Reason);
        Assert.Contains($"reactivated {B1}", run.Steps[1].Reason);
        Assert.Equal("Active", iam.StatusOf(B1)); // bob keeps an active key
        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
        Assert.Equal([(B1, "Inactive"), (B1, "Active")], iam.Updates.Where(u => u.UserName == "bob").Select(u => (u.AccessKeyId, u.Status)));

        var bob = Journal().Where(r => r.StepId == "2").ToList();
        Assert.Equal(
            ["intent deactivate  ", "outcome deactivate changed ", "intent reactivate  True", "outcome reactivate changed True"],
            bob.Select(r => $"{r.Type} {r.Action} {r.Result} {r.Reversal}"));

        // Nothing left for undo to reverse for bob.
        Assert.DoesNotContain(new JournalState(Journal()).DeactivationsToUndo(), d => d.StepId == "2");
    }

    [Fact]
    public async Task A_kept_key_deleted_in_the_window_is_reversed_too()
    {
        var iam = ThreeUserIam();
        iam.AfterUpdate = u =>
        {
            if (u.AccessKeyId == A1 && u.Status == "Inactive")
            {
                iam.DeleteKey(A2);
            }
        };

        var run = await ApplyAsync(iam, ThreeUserPlan());

        Assert.Equal(StepResult.Reversed, run.Steps[0].Result);
        Assert.Contains("was found gone", run.Steps[0].Reason);
        Assert.Equal("Active", iam.StatusOf(A1));
    }

    [Fact]
    public async Task A_reversal_that_fails_says_the_user_may_have_no_active_key_and_undo_still_reverses_it()
    {
        var iam = ThreeUserIam();
        iam.AfterUpdate = u =>
        {
            if (u.AccessKeyId == A1 && u.Status == "Inactive")
            {
                iam[A2].Status = "Inactive";
            }
        };
        iam.FailBeforeUpdate = u => u.Status == "Active" ? FakeIam.Denied("UpdateAccessKey", u.UserName) : null;

        var run = await ApplyAsync(iam, ThreeUserPlan(), options: Options with { KeepGoing = true });

        Assert.Equal(StepResult.Failed, run.Steps[0].Result);
        Assert.Contains("may have no active key", run.Steps[0].Reason);
        Assert.Equal(ExitCodes.AwsOrRuntime, run.ExitCode);
        var reactivate = Journal().Single(r => r.StepId == "1" && r.Type == JournalRecord.Outcome && r.Action == JournalRecord.Reactivate);
        Assert.Equal((StepResult.Failed, true), (reactivate.Result, reactivate.Reversal));

        iam.FailBeforeUpdate = null;
        await new UndoHarness(JournalPath, iam).UndoAsync();
        Assert.Equal("Active", iam.StatusOf(A1));
    }

    [Fact]
    public async Task A_key_that_belongs_to_another_user_is_not_reported_as_gone()
    {
        var iam = ThreeUserIam()
            .User("alice", FakeIam.Active(A2, Yesterday))
            .User("mallory", FakeIam.Active(A1, LongAgo));

        var run = await ApplyAsync(iam, ThreeUserPlan());

        Assert.Equal(StepResult.Skipped, run.Steps[0].Result);
        Assert.Contains($"key {A1} does not belong to user alice", run.Steps[0].Reason);
        Assert.Contains("mallory", run.Steps[0].Reason);
        Assert.DoesNotContain("no longer exists", run.Steps[0].Reason);
        Assert.Equal("Active", iam.StatusOf(A1));
    }

    [Fact]
    public async Task A_key_that_exists_nowhere_no_longer_exists()
    {
        var iam = ThreeUserIam();
        iam.DeleteKey(A1);

        var run = await ApplyAsync(iam, ThreeUserPlan());

        Assert.Equal(StepResult.Skipped, run.Steps[0].Result);
        Assert.Contains($"key {A1} no longer exists", run.Steps[0].Reason);
    }

    [Fact]
    public async Task Re_apply_re_reads_every_step_live_whatever_the_journal_says()
    {
        var iam = ThreeUserIam();
        await ApplyAsync(iam, ThreeUserPlan());
        var readsBefore = iam.ListAccessKeysCalls;

        var second = await ApplyAsync(iam, ThreeUserPlan());

        Assert.All(second.Steps, s => Assert.Contains("already Inactive", s.Reason));
        Assert.True(iam.ListAccessKeysCalls - readsBefore >= 3, "every step re-read live");
    }

    [Fact]
    public async Task A_key_reactivated_since_the_last_run_is_re_checked_like_a_new_step_and_reported_so()
    {
        var iam = ThreeUserIam();
        await ApplyAsync(iam, ThreeUserPlan());
        await ApplyAsync(iam, ThreeUserPlan()); // already done: the journal still says KeyWarden changed it
        iam[A1].Status = "Active"; // someone put alice's old key back

        var second = await ApplyAsync(iam, ThreeUserPlan());

        Assert.Equal([StepResult.Changed, StepResult.AlreadyDone, StepResult.AlreadyDone], second.Steps.Select(s => s.Result));
        Assert.StartsWith("reactivated since the last run (journal says changed at 2026-11-28T09:00:00Z); re-checked: deactivated", second.Steps[0].Reason);
        Assert.Equal(4, iam.Updates.Count);

        // Re-checked means the preconditions apply: used since, it is left alone.
        iam[A1].Status = "Active";
        iam[A1].LastUsed = TestData.AsOf.UtcDateTime.AddHours(-2);
        var third = await ApplyAsync(iam, ThreeUserPlan());
        Assert.Equal(StepResult.Skipped, third.Steps[0].Result);
        Assert.StartsWith("reactivated since the last run", third.Steps[0].Reason);
        Assert.Contains("after the plan saw it", third.Steps[0].Reason);
    }

    [Fact]
    public async Task Dry_run_reads_and_checks_everything_changes_nothing_and_writes_no_journal()
    {
        var iam = ThreeUserIam();
        iam[B2].Status = "Inactive";

        var run = await ApplyAsync(iam, ThreeUserPlan(), options: Options with { DryRun = true });

        Assert.Equal([StepReport.WouldDeactivate, StepResult.Skipped, StepReport.WouldDeactivate], run.Steps.Select(s => s.Result));
        Assert.Contains("would keep " + A2, run.Steps[0].Reason);
        Assert.Empty(iam.Updates);
        Assert.True(iam.ListAccessKeysCalls >= 3);
        Assert.False(File.Exists(JournalPath));
        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);

        iam[B2].Status = "Active";
        Assert.Equal(ExitCodes.Ok, (await ApplyAsync(iam, ThreeUserPlan(), options: Options with { DryRun = true })).ExitCode);
        iam.FailListAccessKeys = _ => FakeIam.ServiceFailure();
        Assert.Equal(ExitCodes.AwsOrRuntime, (await ApplyAsync(iam, ThreeUserPlan(), options: Options with { DryRun = true })).ExitCode);
        Assert.False(File.Exists(JournalPath));
    }

    [Fact]
    public async Task Dry_run_after_a_crash_inside_a_step_says_what_apply_would_record_and_records_nothing()
    {
        var iam = ThreeUserIam();
        iam.CrashAfterNextUpdate = true;
        await Assert.ThrowsAsync<SimulatedCrashException>(() => ApplyAsync(iam, ThreeUserPlan()));
        var before = File.ReadAllText(JournalPath);

        var run = await ApplyAsync(iam, ThreeUserPlan(), options: Options with { DryRun = true });

        Assert.Equal(StepResult.AlreadyDone, run.Steps[0].Result);
        Assert.Contains("apply would record it as changed", run.Steps[0].Reason);
        Assert.Equal(before, File.ReadAllText(JournalPath));
        Assert.Single(iam.Updates);
    }

    [Fact]
    public void Only_a_dry_run_goes_without_a_journal() =>
        Assert.Throws<ArgumentNullException>(() => new Applier(ThreeUserIam(), null, new JournalState([]), Clock, Options));

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

/// <summary>One undo run as the CLI does it: open the journal (lock), fold its records, undo, close it.</summary>
internal sealed class UndoHarness(string journalPath, FakeIam iam)
{
    public async Task<RunReport> UndoAsync(CancellationToken cancellationToken = default)
    {
        using var journal = ChangeJournal.OpenForAppend(journalPath);
        return await new Undoer(iam, journal, new JournalState(journal.Records), new FixedClock(TestData.AsOf)).UndoAsync(RemediationCases.Account, _ => { }, cancellationToken);
    }
}
