namespace KeyWarden.Remediation;

/// <summary>
/// One line of the change journal. Written ahead: an <c>intent</c> is on disk before the UpdateAccessKey it
/// announces, an <c>outcome</c> after it. Undo records use the same shape with action <c>reactivate</c>.
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
    string? Tool = null)
{
    public const string Started = "started";
    public const string Intent = "intent";
    public const string Outcome = "outcome";
    public const string Finished = "finished";

    public const string Deactivate = "deactivate";
    public const string Reactivate = "reactivate";

    /// <summary>Opens a run of <paramref name="command"/> (apply or undo): who ran it, as whom, with which tool.</summary>
    public static JournalRecord RunStarted(string planId, DateTimeOffset at, string command, string accountId, string callerArn) =>
        new(Started, planId, Reports.Timestamps.Format(at), Action: command, AccountId: accountId, Caller: callerArn,
            Tool: $"{Reports.ToolInfo.Current.Name} {Reports.ToolInfo.Current.Version}");

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

    /// <summary>AWS refused or failed the change.</summary>
    public const string Failed = "failed";
}
