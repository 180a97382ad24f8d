namespace KeyWarden.Aws.Organizations.Model;

/// <summary>A policy type available in the organization (DescribeOrganization's deprecated AvailablePolicyTypes).</summary>
public sealed class PolicyTypeSummary
{
    /// <summary>E.g. SERVICE_CONTROL_POLICY.</summary>
    public string? Type { get; set; }

    /// <summary>ENABLED, PENDING_ENABLE or PENDING_DISABLE.</summary>
    public string? Status { get; set; }
}
