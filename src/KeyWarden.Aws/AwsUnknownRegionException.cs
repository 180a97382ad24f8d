namespace KeyWarden.Aws;

/// <summary>
/// A region that belongs to no partition the SDK knows. Never guessed to be commercial: sending credentials for an
/// isolated or sovereign partition to iam.amazonaws.com would leak their key id and fail anyway. Exit 2.
/// </summary>
public sealed class AwsUnknownRegionException : AwsConfigurationException
{
    public AwsUnknownRegionException(string region)
        : base($"unknown AWS region '{region}': it belongs to none of the partitions {string.Join(", ", AwsPartitions.All.Select(p => p.Name))}") =>
        Region = region;

    public string Region { get; }
}
