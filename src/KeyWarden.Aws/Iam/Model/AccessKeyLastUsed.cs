namespace KeyWarden.Aws.Iam.Model;

/// <summary>Last use of an access key. A key never used has no date and <c>N/A</c> service and region.</summary>
public sealed class AccessKeyLastUsed
{
    /// <summary>UTC; null when never used (or not since tracking began on 2015-04-22).</summary>
    public DateTime? LastUsedDate { get; set; }
    public string ServiceName { get; set; } = "";
    public string Region { get; set; } = "";
}
