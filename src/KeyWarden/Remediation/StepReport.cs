namespace KeyWarden.Remediation;

/// <summary>What happened to one step (or one undo) in this run, for the table and the exit code.</summary>
public sealed record StepReport(string StepId, string AccountId, string User, string KeyId, string Result, string Reason);

/// <summary>The whole run: every step's report, and whether Ctrl-C stopped it before the end.</summary>
public sealed record RunReport(IReadOnlyList<StepReport> Steps, bool Interrupted)
{
    public int ExitCode =>
        Steps.Any(s => s.Result == StepResult.Failed) ? ExitCodes.AwsOrRuntime
        : Interrupted ? ExitCodes.Interrupted
        : Steps.Any(s => s.Result == StepResult.Skipped) ? ExitCodes.PreconditionFailed
        : ExitCodes.Ok;
}
