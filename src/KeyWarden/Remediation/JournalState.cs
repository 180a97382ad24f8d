namespace KeyWarden.Remediation;

/// <summary>
/// What a journal says was done, folded from its records: which steps finished, which were announced but
/// never finished (the process died inside the step), and which keys KeyWarden itself may have deactivated and
/// not yet put back. The journal decides what undo may reverse; the live state decides what undo does.
/// </summary>
public sealed class JournalState
{
    /// <summary>The evidence of a deactivation whose intent has no outcome after it.</summary>
    public const string Announced = "announced";

    private readonly List<JournalRecord> _records;

    public JournalState(IReadOnlyList<JournalRecord> records)
    {
        _records = [.. records];
    }

    public IReadOnlyList<JournalRecord> Records => _records;

    /// <summary>
    /// Deactivation steps with a final outcome (changed or already done) that no later reactivation (undo, or
    /// apply's own reversal) put back. An <c>unknown</c> outcome is not done: the change may not have happened.
    /// </summary>
    public bool IsDone(string planId, string stepId)
    {
        var last = _records.FindLastIndex(r => IsOutcome(r, planId, stepId, JournalRecord.Deactivate));
        var undone = _records.FindLastIndex(r => IsOutcome(r, planId, stepId, JournalRecord.Reactivate) && r.Result == StepResult.Changed);
        return last >= 0 && _records[last].Result is StepResult.Changed or StepResult.AlreadyDone && last > undone;
    }

    private static bool IsOutcome(JournalRecord r, string planId, string stepId, string action) =>
        r.Type == JournalRecord.Outcome && r.PlanId == planId && r.StepId == stepId && r.Action == action;

    /// <summary>An intent with no outcome after it: the process stopped between announcing and recording the change.</summary>
    public bool HasPendingIntent(string planId, string stepId, string action)
    {
        var lastIntent = _records.FindLastIndex(r => r.Type == JournalRecord.Intent && r.PlanId == planId && r.StepId == stepId && r.Action == action);
        if (lastIntent < 0)
        {
            return false;
        }

        return !_records.Skip(lastIntent + 1).Any(r => IsOutcome(r, planId, stepId, action));
    }

    /// <summary>
    /// The latest attempt of <paramref name="action"/> on the step may have gone through without the journal knowing:
    /// its intent has no outcome (the process stopped inside the step), or its outcome is <c>unknown</c>. A key found in
    /// the target state is then taken to be KeyWarden's doing.
    /// </summary>
    public bool HasUnresolvedAttempt(string planId, string stepId, string action)
    {
        var lastIntent = _records.FindLastIndex(r => r.Type == JournalRecord.Intent && r.PlanId == planId && r.StepId == stepId && r.Action == action);
        if (lastIntent < 0)
        {
            return false;
        }

        var outcome = _records.Skip(lastIntent + 1).FirstOrDefault(r => IsOutcome(r, planId, stepId, action));
        return outcome is null || outcome.Result == StepResult.Unknown;
    }

    /// <summary>
    /// The deactivations undo must reverse (their intent records): changed by KeyWarden, possibly changed (outcome
    /// <c>unknown</c>, or announced and possibly sent before a crash); minus those a later reactivation put back.
    /// </summary>
    public IReadOnlyList<JournalRecord> DeactivationsToUndo() => UndoCandidates().Select(c => c.Deactivation).ToList();

    /// <inheritdoc cref="DeactivationsToUndo"/>
    public IReadOnlyList<UndoCandidate> UndoCandidates()
    {
        var result = new List<UndoCandidate>();
        foreach (var step in _records.Where(r => r.Type == JournalRecord.Intent && r.Action == JournalRecord.Deactivate).GroupBy(r => (r.PlanId, r.StepId)))
        {
            var (planId, stepId) = (step.Key.PlanId, step.Key.StepId!);
            var lastIntent = _records.LastIndexOf(step.Last());
            var later = _records.Skip(lastIntent + 1).ToList();

            // Only the latest attempt counts: an earlier attempt's outcome (e.g. failed) says nothing about it.
            var outcome = later.FirstOrDefault(r => IsOutcome(r, planId, stepId, JournalRecord.Deactivate));

            // "reversed": apply deactivated the key and put it back itself; its reactivate records (below) say whether that worked.
            var possiblyChanged = outcome is null || outcome.Result is StepResult.Changed or StepResult.Unknown or StepResult.Reversed;

            // A reactivation that reached its end (by undo, or apply's reversal right after the deactivation) puts the key back;
            // one that failed or ended unknown does not, so undo checks the key again.
            var putBack = later.Any(r => IsOutcome(r, planId, stepId, JournalRecord.Reactivate) && r.Result is StepResult.Changed or StepResult.AlreadyDone);
            if (possiblyChanged && !putBack)
            {
                var evidence = outcome is null ? Announced : outcome.Result == StepResult.Unknown ? StepResult.Unknown : StepResult.Changed;
                result.Add(new UndoCandidate(step.Last(), outcome?.At ?? step.Last().At, evidence));
            }
        }

        return result;
    }

    public void Add(JournalRecord record) => _records.Add(record);
}
