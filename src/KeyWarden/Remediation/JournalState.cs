namespace KeyWarden.Remediation;

/// <summary>
/// What a journal says was done, folded from its records: which steps finished, which were announced but
/// never finished (the process died inside the step), and which keys KeyWarden itself deactivated.
/// </summary>
public sealed class JournalState
{
    private readonly List<JournalRecord> _records;

    public JournalState(IReadOnlyList<JournalRecord> records)
    {
        _records = [.. records];
    }

    public IReadOnlyList<JournalRecord> Records => _records;

    /// <summary>
    /// Deactivation steps with a final outcome (changed or already done) that no later undo reversed: apply does
    /// not repeat them. A step undone since is not done: applying the plan again re-checks it live.
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
    /// The deactivations undo must reverse: changed by KeyWarden, or announced and possibly sent before a
    /// crash; minus those a later undo already reactivated.
    /// </summary>
    public IReadOnlyList<JournalRecord> DeactivationsToUndo()
    {
        var result = new List<JournalRecord>();
        foreach (var step in _records.Where(r => r.Type == JournalRecord.Intent && r.Action == JournalRecord.Deactivate).GroupBy(r => (r.PlanId, r.StepId)))
        {
            var (planId, stepId) = (step.Key.PlanId, step.Key.StepId!);
            var lastIntent = _records.LastIndexOf(step.Last());
            var later = _records.Skip(lastIntent + 1).ToList();

            // Only the latest attempt counts: an earlier attempt's outcome (e.g. failed) says nothing about it.
            var outcome = later.FirstOrDefault(r => IsOutcome(r, planId, stepId, JournalRecord.Deactivate));
            var changedOrUnknown = outcome is null || outcome.Result == StepResult.Changed;
            var undone = later.Any(r => IsOutcome(r, planId, stepId, JournalRecord.Reactivate) && r.Result is StepResult.Changed or StepResult.AlreadyDone);
            if (changedOrUnknown && !undone)
            {
                result.Add(step.Last());
            }
        }

        return result;
    }

    public void Add(JournalRecord record) => _records.Add(record);

}
