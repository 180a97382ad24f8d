using KeyWarden.Aws;

namespace KeyWarden.Common;

/// <summary>
/// The partition table as the tool's layers use it (names and regions only), read from KeyWarden.Aws's one table,
/// which comes from AWSSDK.Core's metadata: plan validation and report regions never keep a list of their own.
/// </summary>
public static class AwsPartitionNames
{
    /// <summary>Every partition name (<c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>, <c>aws-iso</c>…).</summary>
    public static IReadOnlyList<string> All => AwsPartitions.Names;

    public static bool IsKnown(string? partition) => AwsPartitions.ByName(partition) is not null;

    /// <summary>The partition a region belongs to, or null for a region of no partition.</summary>
    public static string? OfRegion(string? region) => AwsPartitions.ForRegion(region)?.Name;

    /// <summary>The region a partition's findings name by default (IAM's signing region there); commercial's for unknown.</summary>
    public static string DefaultRegion(string? partition) => (AwsPartitions.ByName(partition) ?? AwsPartitions.ByName("aws")!).DefaultRegion;
}
