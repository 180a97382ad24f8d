using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

public sealed class GetAccessKeyLastUsedRequestMarshaller : IMarshaller<IRequest, GetAccessKeyLastUsedRequest>, IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static GetAccessKeyLastUsedRequestMarshaller Instance { get; } = new();

    public IRequest Marshall(AmazonWebServiceRequest input) => Marshall((GetAccessKeyLastUsedRequest)input);

    public IRequest Marshall(GetAccessKeyLastUsedRequest publicRequest)
    {
        var request = IamQueryRequest.Start(publicRequest, "GetAccessKeyLastUsed");
        if (string.IsNullOrEmpty(publicRequest.AccessKeyId)) throw new ArgumentException("AccessKeyId is required.", nameof(publicRequest));
        request.Parameters.Add("AccessKeyId", publicRequest.AccessKeyId);
        return IamQueryRequest.Finish(request);
    }
}
