using KeyWarden.Remediation;

namespace KeyWarden.Tests.Remediation;

public class JournalStateTests
{
    private const string Plan = "plan-1";
    private const string Deactivate = JournalRecord.Deactivate;
    private const string Reactivate = JournalRecord.Reactivate;

    private static JournalRecord Intent(string step, string action = Deactivate, string plan = Plan) =>
        new(JournalRecord.Intent, plan, "2026-11-28T09:00:00Z", step, action, "123456789012", "user" + step, "AKIAKEY00000000000" + step.PadLeft(2, '0'), "AKIAKEEP000000000001");

    private static JournalRecord Outcome(string step, string result, string action = Deactivate, string plan = Plan) =>
        Intent(step, action, plan) with { Type = JournalRecord.Outcome, Result = result, Reason = result };

    private static JournalRecord Started(string action = "apply") =>
        new(JournalRecord.Started, Plan, "2026-11-28T09:00:00Z", Action: action, AccountId: "123456789012");

    private static JournalState State(params JournalRecord[] records) => new(records);

    [Theory]
    [InlineData(StepResult.Changed, true)]
    [InlineData(StepResult.AlreadyDone, true)]
    [InlineData(StepResult.Skipped, false)]
    [InlineData(StepResult.Failed, false)]
    public void IsDone_only_for_changed_or_already_done(string result, bool done)
    {
        var state = State(Started(), Intent("1"), Outcome("1", result));
        Assert.Equal(done, state.IsDone(Plan, "1"));
    }

    [Fact]
    public void IsDone_uses_the_last_outcome_of_the_step()
    {
        Assert.True(State(Outcome("1", StepResult.Failed), Outcome("1", StepResult.Changed)).IsDone(Plan, "1"));
        Assert.False(State(Outcome("1", StepResult.Changed), Outcome("1", StepResult.Skipped)).IsDone(Plan, "1"));
    }

    [Fact]
    public void IsDone_is_per_plan_and_step_and_ignores_reactivations_outcomes()
    {
        var state = State(Intent("1"), Outcome("1", StepResult.Changed));

        Assert.False(state.IsDone(Plan, "2"));
        Assert.False(state.IsDone("other-plan", "1"));
        Assert.False(State(Outcome("1", StepResult.Changed, Reactivate)).IsDone(Plan, "1"));
        Assert.False(State(Intent("1")).IsDone(Plan, "1"));
    }

    [Fact]
    public void A_step_undone_since_is_not_done_and_is_undone_again_after_a_new_apply()
    {
        var undone = State(Intent("1"), Outcome("1", StepResult.Changed), Intent("1", Reactivate), Outcome("1", StepResult.Changed, Reactivate));
        Assert.False(undone.IsDone(Plan, "1"));
        Assert.Empty(undone.DeactivationsToUndo());

        var reapplied = State(Intent("1"), Outcome("1", StepResult.Changed), Intent("1", Reactivate), Outcome("1", StepResult.Changed, Reactivate),
            Intent("1"), Outcome("1", StepResult.Changed));
        Assert.True(reapplied.IsDone(Plan, "1"));
        Assert.Single(reapplied.DeactivationsToUndo());
    }

    [Fact]
    public void Pending_intent_is_an_intent_with_no_outcome_after_it()
    {
        Assert.True(State(Started(), Intent("1")).HasPendingIntent(Plan, "1", Deactivate));
        Assert.False(State(Started(), Intent("1"), Outcome("1", StepResult.Changed)).HasPendingIntent(Plan, "1", Deactivate));
        Assert.False(State(Started()).HasPendingIntent(Plan, "1", Deactivate));

        // A later run announced it again and died: pending again, although an earlier outcome exists.
        Assert.True(State(Intent("1"), Outcome("1", StepResult.Failed), Intent("1")).HasPendingIntent(Plan, "1", Deactivate));

        // Other steps' and other actions' outcomes do not close it.
        Assert.True(State(Intent("1"), Intent("2"), Outcome("2", StepResult.Changed)).HasPendingIntent(Plan, "1", Deactivate));
        Assert.True(State(Intent("1"), Outcome("1", StepResult.Changed, Reactivate)).HasPendingIntent(Plan, "1", Deactivate));
        Assert.False(State(Intent("1")).HasPendingIntent(Plan, "1", Reactivate));
        Assert.False(State(Intent("1")).HasPendingIntent("other-plan", "1", Deactivate));
    }

    [Fact]
    public void Deactivations_to_undo_are_the_changed_ones_and_the_unfinished_ones()
    {
        var state = State(
            Started(),
            Intent("1"), Outcome("1", StepResult.Changed),
            Intent("2"), Outcome("2", StepResult.Skipped),
            Intent("3"), Outcome("3", StepResult.Failed),
            Intent("4"), Outcome("4", StepResult.AlreadyDone),
            Intent("5"));

        Assert.Equal(["1", "5"], state.DeactivationsToUndo().Select(r => r.StepId));
        Assert.All(state.DeactivationsToUndo(), r => Assert.Equal(JournalRecord.Intent, r.Type));
    }

    [Fact]
    public void Deactivations_already_reactivated_are_not_undone_again()
    {
        var state = State(
            Intent("1"), Outcome("1", StepResult.Changed),
            Intent("2"), Outcome("2", StepResult.Changed),
            Intent("3"), Outcome("3", StepResult.Changed),
            Intent("4"), Outcome("4", StepResult.Changed),
            Intent("1", Reactivate), Outcome("1", StepResult.Changed, Reactivate),
            Intent("2", Reactivate), Outcome("2", StepResult.AlreadyDone, Reactivate),
            Intent("3", Reactivate),
            Intent("4", Reactivate), Outcome("4", StepResult.Failed, Reactivate));

        // 3: an undo died mid-step; 4: the reactivation failed. Both still to undo.
        Assert.Equal(["3", "4"], state.DeactivationsToUndo().Select(r => r.StepId));
    }

    [Fact]
    public void An_unfinished_retry_after_a_failed_attempt_is_still_undone()
    {
        // Run 1 was refused (AccessDenied); run 2, with the permission granted, died after announcing the change.
        var state = State(Intent("1"), Outcome("1", StepResult.Failed), Intent("1"));

        Assert.Equal(["1"], state.DeactivationsToUndo().Select(r => r.StepId));
    }

    [Fact]
    public void Deactivations_of_several_plans_are_kept_apart()
    {
        var state = State(
            Intent("1", plan: "a"), Outcome("1", StepResult.Changed, plan: "a"),
            Intent("1", plan: "b"), Outcome("1", StepResult.Changed, plan: "b"),
            Intent("1", Reactivate, plan: "a"), Outcome("1", StepResult.Changed, Reactivate, plan: "a"));

        Assert.Equal(["b"], state.DeactivationsToUndo().Select(r => r.PlanId));
    }

    [Fact]
    public void Add_folds_new_records_in()
    {
        var state = State(Intent("1"));
        Assert.True(state.HasPendingIntent(Plan, "1", Deactivate));

        state.Add(Outcome("1", StepResult.Changed));

        Assert.False(state.HasPendingIntent(Plan, "1", Deactivate));
        Assert.True(state.IsDone(Plan, "1"));
        Assert.Equal(2, state.Records.Count);
    }

    private static JournalRecord Reversal(string step, string type, string? result = null) =>
        Intent(step, Reactivate) with { Type = type, Result = result, Reversal = true };

    [Fact]
    public void An_unknown_outcome_is_possibly_changed_undo_reverses_it_and_apply_does_not_count_it_done()
    {
        var state = State(Started(), Intent("1"), Outcome("1", StepResult.Unknown), Intent("2"), Outcome("2", StepResult.Changed));

        Assert.Equal(["1", "2"], state.DeactivationsToUndo().Select(r => r.StepId));
        Assert.Equal([StepResult.Unknown, StepResult.Changed], state.UndoCandidates().Select(c => c.Evidence));
        Assert.False(state.IsDone(Plan, "1"));
        Assert.True(state.IsDone(Plan, "2"));
    }

    [Fact]
    public void A_deactivation_apply_reversed_itself_is_not_undone_again()
    {
        // apply deactivated, found the kept key no longer Active, and reactivated the key right away.
        var state = State(Started(),
            Intent("1"), Outcome("1", StepResult.Changed), Reversal("1", JournalRecord.Intent), Reversal("1", JournalRecord.Outcome, StepResult.Changed),
            Intent("2"), Outcome("2", StepResult.Reversed), Reversal("2", JournalRecord.Intent), Reversal("2", JournalRecord.Outcome, StepResult.Changed),
            Intent("3"), Outcome("3", StepResult.Changed));

        Assert.Equal(["3"], state.DeactivationsToUndo().Select(r => r.StepId));
        Assert.False(state.IsDone(Plan, "1")); // put back: a re-apply checks it again, live
    }

    [Fact]
    public void A_reversal_that_failed_or_ended_unknown_leaves_the_deactivation_to_undo()
    {
        var state = State(
            Intent("1"), Outcome("1", StepResult.Changed), Reversal("1", JournalRecord.Intent), Reversal("1", JournalRecord.Outcome, StepResult.Failed),
            Intent("2"), Outcome("2", StepResult.Reversed), Reversal("2", JournalRecord.Intent), Reversal("2", JournalRecord.Outcome, StepResult.Unknown),
            Intent("3"), Outcome("3", StepResult.Changed), Reversal("3", JournalRecord.Intent));

        Assert.Equal(["1", "2", "3"], state.DeactivationsToUndo().Select(r => r.StepId));
        Assert.All(state.UndoCandidates(), c => Assert.Equal(StepResult.Changed, c.Evidence));
        Assert.True(state.HasPendingIntent(Plan, "3", Reactivate));
    }

    [Fact]
    public void Undo_candidates_say_when_and_on_what_evidence()
    {
        var state = State(
            Intent("1") with { At = "2026-11-28T09:00:00Z" }, Outcome("1", StepResult.Changed) with { At = "2026-11-28T09:00:05Z" },
            Intent("2") with { At = "2026-11-28T09:01:00Z" });

        var candidates = state.UndoCandidates();

        Assert.Equal([("1", "2026-11-28T09:00:05Z", StepResult.Changed), ("2", "2026-11-28T09:01:00Z", JournalState.Announced)],
            candidates.Select(c => (c.StepId, c.DeactivatedAt, c.Evidence)));
        Assert.Equal(("123456789012", "user1", "AKIAKEY0000000000001"), (candidates[0].AccountId, candidates[0].User, candidates[0].KeyId));
    }

    [Fact]
    public void An_unresolved_attempt_is_one_without_outcome_or_with_an_unknown_one()
    {
        Assert.True(State(Intent("1")).HasUnresolvedAttempt(Plan, "1", Deactivate));
        Assert.True(State(Intent("1"), Outcome("1", StepResult.Unknown)).HasUnresolvedAttempt(Plan, "1", Deactivate));
        Assert.False(State(Intent("1"), Outcome("1", StepResult.Changed)).HasUnresolvedAttempt(Plan, "1", Deactivate));
        Assert.False(State(Intent("1"), Outcome("1", StepResult.Unknown), Intent("1"), Outcome("1", StepResult.Failed)).HasUnresolvedAttempt(Plan, "1", Deactivate));
        Assert.False(State(Outcome("1", StepResult.Unknown)).HasUnresolvedAttempt(Plan, "1", Deactivate));
        Assert.False(State(Intent("1"), Outcome("1", StepResult.Unknown)).HasUnresolvedAttempt(Plan, "1", Reactivate));
    }
}
