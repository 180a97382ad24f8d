namespace KeyWarden.Aws;

/// <summary>
/// One AWS partition as KeyWarden uses it: its name (the ARN's second field), the DNS suffix and region pattern
/// the SDK knows it by, the region reports name when none fits, and IAM's one global endpoint there.
/// </summary>
/// <param name="DefaultRegion">IAM's signing region in this partition; reports use it when --region is of another partition.</param>
/// <param name="IamFipsEndpoint">IAM's FIPS endpoint, or null where IAM's rule set has none.</param>
public sealed record AwsPartition(
    string Name,
    string DnsSuffix,
    string RegionPattern,
    IReadOnlyList<string> Regions,
    string DefaultRegion,
    string IamEndpoint,
    string? IamFipsEndpoint)
{
    /// <summary>IAM signs every request of a partition with one region.</summary>
    public string IamSigningRegion => DefaultRegion;
}
