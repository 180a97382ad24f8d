using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Model;

/// <summary>Base class of every IAM request.</summary>
public abstract class AmazonIdentityManagementServiceRequest : AmazonWebServiceRequest
{
}
