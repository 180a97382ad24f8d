namespace KeyWarden.Aws.Organizations.Model;

/// <summary>The organization as DescribeOrganization returns it.</summary>
public sealed class Organization
{
    /// <summary><c>o-xxxxxxxxxx</c>.</summary>
    public string? Id { get; set; }

    public string? Arn { get; set; }

    /// <summary>ALL or CONSOLIDATED_BILLING.</summary>
    public string? FeatureSet { get; set; }

    public string? MasterAccountArn { get; set; }

    /// <summary>The management account's id (the API still calls it master).</summary>
    public string? MasterAccountId { get; set; }

    public string? MasterAccountEmail { get; set; }

    public List<PolicyTypeSummary> AvailablePolicyTypes { get; set; } = [];
}
