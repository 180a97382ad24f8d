namespace KeyWarden.Aws.Organizations.Model;

/// <summary>DescribeOrganization takes no parameters.</summary>
public sealed class DescribeOrganizationRequest : AmazonOrganizationsRequest
{
}
