namespace KeyWarden.Audit;

/// <summary>
/// A finding's outcome. ERROR means "could not evaluate" and is never counted as a pass;
/// MUTED is a FAIL covered by an unexpired exception.
/// </summary>
public enum FindingStatus
{
    Pass,
    Fail,
    Warn,
    Error,
    Muted,
}

public static class FindingStatusNames
{
    public static string ToContractName(this FindingStatus status) => status.ToString().ToUpperInvariant();
}
