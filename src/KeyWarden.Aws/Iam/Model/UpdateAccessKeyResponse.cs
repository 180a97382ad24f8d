using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Model;

public sealed class UpdateAccessKeyResponse : AmazonWebServiceResponse
{
}
