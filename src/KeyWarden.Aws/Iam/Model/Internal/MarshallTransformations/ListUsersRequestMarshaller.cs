using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

public sealed class ListUsersRequestMarshaller : IMarshaller<IRequest, ListUsersRequest>, IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static ListUsersRequestMarshaller Instance { get; } = new();

    public IRequest Marshall(AmazonWebServiceRequest input) => Marshall((ListUsersRequest)input);

    public IRequest Marshall(ListUsersRequest publicRequest)
    {
        var request = IamQueryRequest.Start(publicRequest, "ListUsers");
        IamQueryRequest.AddIfSet(request, "PathPrefix", publicRequest.PathPrefix);
        IamQueryRequest.AddIfSet(request, "Marker", publicRequest.Marker);
        IamQueryRequest.AddIfSet(request, "MaxItems", publicRequest.MaxItems);
        return IamQueryRequest.Finish(request);
    }
}
