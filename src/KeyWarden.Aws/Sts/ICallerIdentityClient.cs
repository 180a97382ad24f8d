namespace KeyWarden.Aws.Sts;

/// <summary>The STS calls the tool needs; the SDK's STS client stays behind it.</summary>
public interface ICallerIdentityClient
{
    /// <summary>Needs no IAM permission; works even when explicitly denied.</summary>
    Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken = default);
}
