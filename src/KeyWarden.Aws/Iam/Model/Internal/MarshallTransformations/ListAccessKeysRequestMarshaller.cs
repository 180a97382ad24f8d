using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

public sealed class ListAccessKeysRequestMarshaller : IMarshaller<IRequest, ListAccessKeysRequest>, IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static ListAccessKeysRequestMarshaller Instance { get; } = new();

    public IRequest Marshall(AmazonWebServiceRequest input) => Marshall((ListAccessKeysRequest)input);

    public IRequest Marshall(ListAccessKeysRequest publicRequest)
    {
        var request = IamQueryRequest.Start(publicRequest, "ListAccessKeys");
        IamQueryRequest.AddIfSet(request, "UserName", publicRequest.UserName);
        IamQueryRequest.AddIfSet(request, "Marker", publicRequest.Marker);
        IamQueryRequest.AddIfSet(request, "MaxItems", publicRequest.MaxItems);
        return IamQueryRequest.Finish(request);
    }
}
