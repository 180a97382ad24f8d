using System.Text.RegularExpressions;
using Amazon;
using Amazon.Runtime.Internal.Endpoints.StandardLibrary;

namespace KeyWarden.Aws;

/// <summary>
/// The one partition table: IAM and STS endpoints, ARN partitions, plan validation and report regions all read it.
/// Names, DNS suffixes, region patterns and regions come from AWSSDK.Core's own endpoint metadata (RegionEndpoint,
/// the endpoint rules' partition function), so a partition the pinned SDK knows is known here. IAM's endpoint per
/// partition is not in AWSSDK.Core (it lives in IAM's endpoint rule set, in a package we do not take): the
/// exceptions to the rule set's generic "iam.{dnsSuffix}" are spelled out below, as the rule set has them.
/// </summary>
public static class AwsPartitions
{
    // IAM's rule set: partitions whose endpoint is not iam.{dnsSuffix} signed with the partition's implicit global region.
    private static readonly Dictionary<string, (string SigningRegion, string Endpoint, string? Fips)> IamRuleSet = new(StringComparer.Ordinal)
    {
        ["aws"] = ("us-east-1", "https://iam.amazonaws.com", "https://iam-fips.amazonaws.com"),
        ["aws-cn"] = ("cn-north-1", "https://iam.cn-north-1.amazonaws.com.cn", null),
        ["aws-us-gov"] = ("us-gov-west-1", "https://iam.us-gov.amazonaws.com", "https://iam.us-gov.amazonaws.com"),
        ["aws-iso"] = ("us-iso-east-1", "https://iam.us-iso-east-1.c2s.ic.gov", "https://iam-fips.us-iso-east-1.c2s.ic.gov"),
        ["aws-iso-b"] = ("us-isob-east-1", "https://iam.us-isob-east-1.sc2s.sgov.gov", "https://iam-fips.us-isob-east-1.sc2s.sgov.gov"),
        ["aws-iso-e"] = ("eu-isoe-west-1", "https://iam.eu-isoe-west-1.cloud.adc-e.uk", null),
        ["aws-iso-f"] = ("us-isof-south-1", "https://iam.us-isof-south-1.csp.hci.ic.gov", null),
        ["aws-eusc"] = ("eusc-de-east-1", "https://iam.eusc-de-east-1.amazonaws.eu", null),
    };

    private static readonly Lazy<IReadOnlyList<AwsPartition>> Table = new(Build);

    /// <summary>Every partition, commercial first.</summary>
    public static IReadOnlyList<AwsPartition> All => Table.Value;

    public static IReadOnlyList<string> Names => [.. All.Select(p => p.Name)];

    /// <summary>The partition of that name (as in an ARN), or null when there is none.</summary>
    public static AwsPartition? ByName(string? name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>
    /// The partition a region belongs to: a region the SDK lists, one matching a partition's region pattern (a region
    /// newer than the SDK), or a partition's global pseudo-region (<c>aws-cn-global</c>). Null for anything else.
    /// </summary>
    public static AwsPartition? ForRegion(string? region)
    {
        if (string.IsNullOrWhiteSpace(region)) return null;
        var r = region.Trim();
        return All.FirstOrDefault(p => p.Regions.Contains(r, StringComparer.Ordinal))
            ?? All.FirstOrDefault(p => r == p.Name + "-global")
            ?? All.FirstOrDefault(p => Regex.IsMatch(r, p.RegionPattern, RegexOptions.None, TimeSpan.FromSeconds(1)));
    }

    /// <summary>Like <see cref="ForRegion"/>, but an unknown region is an error, never the commercial partition.</summary>
    public static AwsPartition ForKnownRegion(string region) => ForRegion(region) ?? throw new AwsUnknownRegionException(region);

    private static List<AwsPartition> Build()
    {
        var partitions = new List<AwsPartition>();
        foreach (var group in RegionEndpoint.EnumerableAllRegions
                     .Where(r => !string.IsNullOrEmpty(r.PartitionName) && !r.SystemName.EndsWith("-regional", StringComparison.Ordinal))
                     .GroupBy(r => r.PartitionName, StringComparer.Ordinal))
        {
            var first = group.First();
            var name = group.Key;
            var (signingRegion, endpoint, fips) = IamRuleSet.TryGetValue(name, out var rule)
                ? rule
                : (Fn.Partition(first.SystemName)?.implicitGlobalRegion ?? first.SystemName, $"https://iam.{first.PartitionDnsSuffix}", null);
            partitions.Add(new AwsPartition(
                name,
                first.PartitionDnsSuffix,
                first.PartitionRegionRegex,
                [.. group.Select(r => r.SystemName).Order(StringComparer.Ordinal)],
                signingRegion,
                endpoint,
                fips));
        }

        // Commercial first: the order error messages and docs list them in.
        return [.. partitions.OrderBy(p => p.Name == "aws" ? 0 : 1).ThenBy(p => p.Name, StringComparer.Ordinal)];
    }
}
