using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

public sealed class UpdateAccessKeyRequestMarshaller : IMarshaller<IRequest, UpdateAccessKeyRequest>, IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static UpdateAccessKeyRequestMarshaller Instance { get; } = new();

    public IRequest Marshall(AmazonWebServiceRequest input) => Marshall((UpdateAccessKeyRequest)input);

    public IRequest Marshall(UpdateAccessKeyRequest publicRequest)
    {
        var request = IamQueryRequest.Start(publicRequest, "UpdateAccessKey");
        UpdateAccessKeyRequestValidator.Validate(publicRequest);
        request.Parameters.Add("UserName", publicRequest.UserName);
        request.Parameters.Add("AccessKeyId", publicRequest.AccessKeyId);
        request.Parameters.Add("Status", publicRequest.Status);
        return IamQueryRequest.Finish(request);
    }
}
