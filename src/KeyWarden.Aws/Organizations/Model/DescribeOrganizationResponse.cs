using Amazon.Runtime;

namespace KeyWarden.Aws.Organizations.Model;

public sealed class DescribeOrganizationResponse : AmazonWebServiceResponse
{
    public Organization? Organization { get; set; }
}
