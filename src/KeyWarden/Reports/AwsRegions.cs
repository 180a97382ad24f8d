using KeyWarden.Common;

namespace KeyWarden.Reports;

/// <summary>
/// IAM is global, but Security Hub findings (and OCSF's cloud.region) name a region. KeyWarden uses the
/// --region option when it belongs to the finding's partition, else the partition's default region
/// (both from the one partition table, <see cref="AwsPartitionNames"/>).
/// </summary>
public static class AwsRegions
{
    public static string DefaultFor(string? partition) => AwsPartitionNames.DefaultRegion(partition);

    /// <summary>The partition of a region; <c>aws</c> for a region of no known partition (reports never fail on it).</summary>
    public static string PartitionOf(string region) => AwsPartitionNames.OfRegion(region) ?? "aws";

    public static string For(string? partition, string? preferred) =>
        preferred is { Length: > 0 } region && AwsPartitionNames.OfRegion(region) == (partition ?? "aws") ? region : DefaultFor(partition);
}
