namespace KeyWarden.Remediation;

/// <summary>What happened to one step (or one undo) in this run, for the table and the exit code.</summary>
public sealed record StepReport(string StepId, string AccountId, string User, string KeyId, string Result, string Reason)
{
    /// <summary>
    /// The result of a step in <c>apply --dry-run</c> whose preconditions hold: apply would deactivate the key.
    /// Only ever reported, never journaled (a dry run writes no journal).
    /// </summary>
    public const string WouldDeactivate = "would-deactivate";
}

/// <summary>The whole run: every step's report, and whether Ctrl-C stopped it before the end.</summary>
public sealed record RunReport(IReadOnlyList<StepReport> Steps, bool Interrupted)
{
    /// <summary>
    /// 3 when something was refused, its outcome is not known, or fail-fast left steps not attempted; 130 when
    /// interrupted; 4 when a precondition skipped a step or a change had to be reversed; else 0.
    /// </summary>
    public int ExitCode =>
        Steps.Any(s => s.Result is StepResult.Failed or StepResult.Unknown or StepResult.NotAttempted) ? ExitCodes.AwsOrRuntime
        : Interrupted ? ExitCodes.Interrupted
        : Steps.Any(s => s.Result is StepResult.Skipped or StepResult.Reversed) ? ExitCodes.PreconditionFailed
        : ExitCodes.Ok;

    /// <summary>
    /// Whether this run may have left a key changed (changed, or an outcome not known): only then is there
    /// something for verify to confirm or for undo to reverse. A reversed step was put back in the same run.
    /// </summary>
    public bool MayHaveChanged => Steps.Any(s => s.Result is StepResult.Changed or StepResult.Unknown);
}
