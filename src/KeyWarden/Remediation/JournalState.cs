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

    /// <summary>Deactivation steps with a final outcome (changed or already done): apply does not repeat them.</summary>
    public bool IsDone(string planId, string stepId) =>
        LastOutcome(planId, stepId, JournalRecord.Deactivate) is { Result: StepResult.Changed or StepResult.AlreadyDone };

    /// <summary>An intent with no outcome after it: the process stopped between announcing and recording the change.</summary>
    public bool HasPendingIntent(string planId, string stepId, string action)
    {
        var lastIntent = _records.FindLastIndex(r => r.Type == JournalRecord.Intent && r.PlanId == planId && r.StepId == stepId && r.Action == action);
        if (lastIntent < 0)
        {
            return false;
        }

        return !_records.Skip(lastIntent + 1).Any(r => r.Type == JournalRecord.Outcome && r.PlanId == planId && r.StepId == stepId && r.Action == action);
    }

    /// <summary>
    /// The deactivations undo must reverse: changed by KeyWarden, or announced and possibly sent before a
    /// crash; minus those a later undo already reactivated.
    /// </summary>
    public IReadOnlyList<JournalRecord> DeactivationsToUndo()
    {
        var result = new List<JournalRecord>();
        foreach (var intent in _records.Where(r => r.Type == JournalRecord.Intent && r.Action == JournalRecord.Deactivate)
                     .GroupBy(r => (r.PlanId, r.StepId)).Select(g => g.Last()))
        {
            var outcome = LastOutcome(intent.PlanId, intent.StepId!, JournalRecord.Deactivate);
            // Unknown: the last intent has no outcome after it (an earlier attempt's outcome, e.g. failed, does not count).
            var changedOrUnknown = HasPendingIntent(intent.PlanId, intent.StepId!, JournalRecord.Deactivate) || outcome?.Result == StepResult.Changed;
            var undone = LastOutcome(intent.PlanId, intent.StepId!, JournalRecord.Reactivate) is { Result: StepResult.Changed or StepResult.AlreadyDone };
            if (changedOrUnknown && !undone)
            {
                result.Add(intent);
            }
        }

        return result;
    }

    public void Add(JournalRecord record) => _records.Add(record);

    private JournalRecord? LastOutcome(string planId, string stepId, string action) =>
        _records.LastOrDefault(r => r.Type == JournalRecord.Outcome && r.PlanId == planId && r.StepId == stepId && r.Action == action);
}
