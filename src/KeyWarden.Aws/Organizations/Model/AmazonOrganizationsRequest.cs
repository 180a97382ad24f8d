using Amazon.Runtime;

namespace KeyWarden.Aws.Organizations.Model;

/// <summary>Base class of every Organizations request.</summary>
public abstract class AmazonOrganizationsRequest : AmazonWebServiceRequest
{
}
