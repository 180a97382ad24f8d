namespace KeyWarden;

/// <summary>The exit codes users script against (README "Exit codes"). Never renumber.</summary>
public static class ExitCodes
{
    /// <summary>No FAIL and nothing that could not be evaluated.</summary>
    public const int Ok = 0;

    /// <summary>At least one FAIL (or, for verify, a user not in the expected state).</summary>
    public const int Findings = 1;

    /// <summary>Usage or input error: bad option, malformed credential report, tampered plan. Nothing was changed.</summary>
    public const int UsageOrInput = 2;

    /// <summary>AWS or runtime error: something could not be evaluated or done.</summary>
    public const int AwsOrRuntime = 3;

    /// <summary>A remediation precondition failed, so that step was skipped.</summary>
    public const int PreconditionFailed = 4;

    /// <summary>apply or undo asked for confirmation and the answer was not y/yes: nothing was changed.</summary>
    public const int NotConfirmed = 5;

    /// <summary>Interrupted (Ctrl-C) between steps; what was done is journaled.</summary>
    public const int Interrupted = 130;
}
