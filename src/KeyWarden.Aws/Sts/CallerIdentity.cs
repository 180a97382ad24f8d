namespace KeyWarden.Aws.Sts;

/// <summary>Who the credentials in use belong to (STS GetCallerIdentity).</summary>
public sealed record CallerIdentity(string Account, string Arn, string UserId)
{
    /// <summary>The ARN's partition (<c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>…), or <c>aws</c> when the ARN cannot be read.</summary>
    public string Partition => PartitionOf(Arn);

    public static string PartitionOf(string? arn)
    {
        var parts = arn?.Split(':');
        return parts is { Length: >= 6 } && parts[0] == "arn" && parts[1].Length > 0 ? parts[1] : "aws";
    }
}
