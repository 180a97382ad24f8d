namespace KeyWarden.Remediation;

/// <summary>
/// A key the journal says KeyWarden may have deactivated and nothing has reactivated since: what undo lists,
/// and (if still Inactive) reactivates.
/// </summary>
/// <param name="Deactivation">The intent record of the latest attempt: plan, step, account, user, key.</param>
/// <param name="DeactivatedAt">When: the outcome's time, or the intent's when no outcome was written.</param>
/// <param name="Evidence">
/// <see cref="StepResult.Changed"/>, <see cref="StepResult.Unknown"/> (no definitive answer and no read-back), or
/// <see cref="JournalState.Announced"/> (an intent with no outcome: the run stopped inside the step).
/// </param>
public sealed record UndoCandidate(JournalRecord Deactivation, string DeactivatedAt, string Evidence)
{
    public string PlanId => Deactivation.PlanId;

    public string StepId => Deactivation.StepId!;

    public string AccountId => Deactivation.AccountId!;

    public string User => Deactivation.User!;

    public string KeyId => Deactivation.KeyId!;
}
