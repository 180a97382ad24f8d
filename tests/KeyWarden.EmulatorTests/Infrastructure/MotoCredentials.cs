namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>An access key pair for moto. <see cref="ToString"/> never prints the secret.</summary>
public sealed record MotoCredentials(string AccessKeyId, string SecretAccessKey)
{
    /// <summary>Any key works while auth is off; moto records no use for keys it does not know.</summary>
    public static MotoCredentials Anonymous { get; } = new("AKIAMOTOANONYMOUS000", "moto-anonymous-secret");

    public override string ToString() => $"MotoCredentials {{ AccessKeyId = {AccessKeyId} }}";
}
