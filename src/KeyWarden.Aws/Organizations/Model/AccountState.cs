namespace KeyWarden.Aws.Organizations.Model;

/// <summary>The values of <see cref="Account.State"/> (botocore enum <c>AccountState</c>); the service may add more.</summary>
public static class AccountState
{
    public const string PendingActivation = "PENDING_ACTIVATION";
    public const string Active = "ACTIVE";
    public const string Suspended = "SUSPENDED";
    public const string PendingClosure = "PENDING_CLOSURE";
    public const string Closed = "CLOSED";
}
