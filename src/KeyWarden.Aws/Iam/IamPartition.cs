namespace KeyWarden.Aws.Iam;

/// <summary>
/// IAM is a global service: every region of a partition is served by one endpoint that signs with one region.
/// </summary>
public sealed record IamPartition(string Name, string Endpoint, string SigningRegion)
{
    public static IamPartition Aws { get; } = new("aws", "https://iam.amazonaws.com", "us-east-1");
    public static IamPartition China { get; } = new("aws-cn", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1");
    public static IamPartition GovCloud { get; } = new("aws-us-gov", "https://iam.us-gov.amazonaws.com", "us-gov-west-1");

    /// <summary>The partition a region belongs to; unknown or empty regions fall back to the commercial partition.</summary>
    public static IamPartition ForRegion(string? region)
    {
        if (string.IsNullOrWhiteSpace(region)) return Aws;
        var r = region.Trim().ToLowerInvariant();
        if (r.StartsWith("cn-", StringComparison.Ordinal) || r == "aws-cn-global") return China;
        if (r.StartsWith("us-gov-", StringComparison.Ordinal) || r == "aws-us-gov-global") return GovCloud;
        return Aws;
    }

    /// <summary>The partition named in an ARN (<c>arn:PARTITION:service:...</c>), or null when it is not one of ours.</summary>
    public static IamPartition? ForName(string? partitionName) => partitionName switch
    {
        "aws" => Aws,
        "aws-cn" => China,
        "aws-us-gov" => GovCloud,
        _ => null,
    };
}
