using Amazon.Runtime;

namespace KeyWarden.Aws.SecurityHub.Model;

/// <summary>Base class of every Security Hub request.</summary>
public abstract class AmazonSecurityHubRequest : AmazonWebServiceRequest
{
}
