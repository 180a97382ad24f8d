using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Model;

public sealed class GetAccessKeyLastUsedResponse : AmazonWebServiceResponse
{
    public string UserName { get; set; } = "";
    public AccessKeyLastUsed AccessKeyLastUsed { get; set; } = new();
}
