namespace KeyWarden.Aws.Iam;

/// <summary>
/// IAM is a global service: every region of a partition is served by one endpoint that signs with one region.
/// A view of <see cref="AwsPartitions"/>, the one partition table.
/// </summary>
public sealed record IamPartition(string Name, string Endpoint, string SigningRegion, string? FipsEndpoint = null)
{
    public static IamPartition Aws { get; } = Of(AwsPartitions.ByName("aws")!);
    public static IamPartition China { get; } = Of(AwsPartitions.ByName("aws-cn")!);
    public static IamPartition GovCloud { get; } = Of(AwsPartitions.ByName("aws-us-gov")!);

    /// <summary>
    /// The partition a region belongs to. No region means IAM's commercial endpoint (IAM needs none);
    /// an unknown one is refused with <see cref="AwsUnknownRegionException"/>, never sent to the commercial endpoint.
    /// </summary>
    public static IamPartition ForRegion(string? region) =>
        string.IsNullOrWhiteSpace(region) ? Aws : Of(AwsPartitions.ForKnownRegion(region));

    /// <summary>The partition named in an ARN (<c>arn:PARTITION:service:...</c>), or null when there is none of that name.</summary>
    public static IamPartition? ForName(string? partitionName) => AwsPartitions.ByName(partitionName) is { } p ? Of(p) : null;

    private static IamPartition Of(AwsPartition p) => new(p.Name, p.IamEndpoint, p.IamSigningRegion, p.IamFipsEndpoint);
}
