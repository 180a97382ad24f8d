namespace KeyWarden.Remediation;

/// <summary>
/// One line of the change journal. Written ahead: an <c>intent</c> is on disk before the UpdateAccessKey it
/// announces, an <c>outcome</c> after it. Undo records use the same shape with action <c>reactivate</c>.
/// <see cref="PlanDigest"/> (on <c>started</c>): SHA-256 (hex) of the plan file's bytes the run carried out.
/// <see cref="Reversal"/>: a <c>reactivate</c> that apply itself made right after a deactivation, because the
/// kept key was found no longer Active (KeyWarden never leaves a user without an active key).
/// <see cref="Prev"/>: SHA-256 (hex) of the previous line's bytes (without its newline); absent on the first line.
/// </summary>
public sealed record JournalRecord(
    string Type,
    string PlanId,
    string At,
    string? StepId = null,
    string? Action = null,
    string? AccountId = null,
    string? User = null,
    string? KeyId = null,
    string? KeepKeyId = null,
    string? Result = null,
    string? Reason = null,
    string? StatusAfter = null,
    string? Caller = null,
    string? Tool = null,
    string? PlanDigest = null,
    bool? Reversal = null,
    string? Prev = null)
{
    public const string Started = "started";
    public const string Intent = "intent";
    public const string Outcome = "outcome";
    public const string Finished = "finished";

    public const string Deactivate = "deactivate";
    public const string Reactivate = "reactivate";

    /// <summary>Opens a run of <paramref name="command"/> (apply or undo): who ran it, as whom, with which tool.</summary>
    /// <param name="planDigest">SHA-256 (hex) of the plan file the run carries out (<see cref="PlanFile.Digest"/>); undo passes the
    /// digest of the journal's first started record, or null when it has none.</param>
    public static JournalRecord RunStarted(string planId, DateTimeOffset at, string command, string accountId, string callerArn, string? planDigest) =>
        new(Started, planId, Reports.Timestamps.Format(at), Action: command, AccountId: accountId, Caller: callerArn,
            Tool: $"{Reports.ToolInfo.Current.Name} {Reports.ToolInfo.Current.Version}", PlanDigest: planDigest);

    /// <summary>Closes a run: complete, or interrupted (Ctrl-C) before its remaining steps.</summary>
    public static JournalRecord RunFinished(string planId, DateTimeOffset at, string command, string accountId, bool interrupted) =>
        new(Finished, planId, Reports.Timestamps.Format(at), Action: command, AccountId: accountId, Result: interrupted ? "interrupted" : "complete");
}

/// <summary>What an outcome record says happened to the key.</summary>
public static class StepResult
{
    /// <summary>KeyWarden changed the key's status (undo reverses exactly these).</summary>
    public const string Changed = "changed";

    /// <summary>The key already had the target status; nothing was sent.</summary>
    public const string AlreadyDone = "already-done";

    /// <summary>A precondition did not hold; the key was not touched.</summary>
    public const string Skipped = "skipped";

    /// <summary>AWS definitively refused the change (AccessDenied, NoSuchEntity, validation).</summary>
    public const string Failed = "failed";

    /// <summary>
    /// UpdateAccessKey ended without a definitive answer and the key could not be read back: the change may
    /// or may not have happened. Undo treats it as possibly changed.
    /// </summary>
    public const string Unknown = "unknown";

    /// <summary>Apply deactivated the key, found the kept key no longer Active, and reactivated it again.</summary>
    public const string Reversed = "reversed";

    /// <summary>Not tried: the run stopped first (fail fast on AccessDenied). Reported, never journaled.</summary>
    public const string NotAttempted = "not-attempted";
}
