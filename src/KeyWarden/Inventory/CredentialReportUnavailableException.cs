namespace KeyWarden.Inventory;

/// <summary>
/// IAM did not produce a credential report before the deadline. <see cref="Throttled"/> when the reason was
/// throttling or capacity refusals rather than a report that was slow to generate.
/// </summary>
public sealed class CredentialReportUnavailableException(string message, bool throttled = false) : Exception(message)
{
    public bool Throttled { get; } = throttled;
}
