namespace KeyWarden.Aws;

/// <summary>
/// Where a connection goes. <paramref name="IamEndpoint"/>, <paramref name="StsEndpoint"/>,
/// <paramref name="OrganizationsEndpoint"/> and <paramref name="SecurityHubEndpoint"/> are null when the partition
/// (or region) default applies. <paramref name="RegionSource"/> says which setting chose the region (for diagnostics).
/// <paramref name="MaxAttempts"/> and <paramref name="RetryMode"/> apply to IAM and STS alike;
/// <paramref name="RetrySource"/> says which setting chose them.
/// </summary>
public sealed record AwsResolvedSettings(
    string? Profile,
    bool ProfileFromOption,
    string Region,
    string RegionSource,
    string? IamEndpoint,
    string? StsEndpoint,
    int MaxAttempts = AwsSettingsResolver.DefaultMaxAttempts,
    string RetryMode = AwsSettingsResolver.StandardRetryMode,
    string RetrySource = "default",
    string? OrganizationsEndpoint = null,
    string? SecurityHubEndpoint = null)
{
    /// <summary>The region's partition (the resolver refuses regions of no partition).</summary>
    public AwsPartition Partition => AwsPartitions.ForKnownRegion(Region);
}
