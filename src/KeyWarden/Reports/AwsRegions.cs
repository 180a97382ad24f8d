namespace KeyWarden.Reports;

/// <summary>
/// IAM is global, but Security Hub findings (and OCSF's cloud.region) name a region. KeyWarden uses the
/// --region option when it belongs to the finding's partition, else the partition's default region.
/// </summary>
public static class AwsRegions
{
    public static string DefaultFor(string? partition) => partition switch
    {
        "aws-cn" => "cn-north-1",
        "aws-us-gov" => "us-gov-west-1",
        "aws-iso" => "us-iso-east-1",
        "aws-iso-b" => "us-isob-east-1",
        _ => "us-east-1",
    };

    public static string PartitionOf(string region) => region switch
    {
        _ when region.StartsWith("cn-", StringComparison.Ordinal) => "aws-cn",
        _ when region.StartsWith("us-gov-", StringComparison.Ordinal) => "aws-us-gov",
        _ when region.StartsWith("us-isob-", StringComparison.Ordinal) => "aws-iso-b",
        _ when region.StartsWith("us-iso-", StringComparison.Ordinal) => "aws-iso",
        _ => "aws",
    };

    public static string For(string? partition, string? preferred) =>
        preferred is { Length: > 0 } region && PartitionOf(region) == (partition ?? "aws") ? region : DefaultFor(partition);
}
