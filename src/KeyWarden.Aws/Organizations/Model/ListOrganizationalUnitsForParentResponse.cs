using Amazon.Runtime;

namespace KeyWarden.Aws.Organizations.Model;

public sealed class ListOrganizationalUnitsForParentResponse : AmazonWebServiceResponse
{
    public List<OrganizationalUnit> OrganizationalUnits { get; set; } = [];

    public string? NextToken { get; set; }
}
