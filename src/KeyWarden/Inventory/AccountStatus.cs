namespace KeyWarden.Inventory;

/// <summary>
/// The one state every selected account ends in; the JSON contract spells these in kebab case. Only
/// <see cref="Ok"/> means the account was evaluated; every other state of an ACTIVE account exits 3.
/// </summary>
public enum AccountStatus
{
    /// <summary>Read and evaluated.</summary>
    Ok,

    /// <summary>AssumeRole or IAM refused the credentials (AccessDenied, an unknown or expired token).</summary>
    AccessDenied,

    /// <summary>IAM or STS kept throttling until the attempts or the deadline ran out.</summary>
    Throttled,

    /// <summary>The credential report could not be generated or read in time, or could not be parsed.</summary>
    ReportUnavailable,

    /// <summary>Not read on purpose: the account is not ACTIVE in the organization, or it was excluded.</summary>
    Skipped,

    /// <summary>Any other failure (an unreachable endpoint, a 5xx that outlasted the retries, bad configuration).</summary>
    Error,
}

public static class AccountStatusNames
{
    public static string ToContractName(this AccountStatus status) => status switch
    {
        AccountStatus.Ok => "ok",
        AccountStatus.AccessDenied => "access-denied",
        AccountStatus.Throttled => "throttled",
        AccountStatus.ReportUnavailable => "report-unavailable",
        AccountStatus.Skipped => "skipped",
        AccountStatus.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
