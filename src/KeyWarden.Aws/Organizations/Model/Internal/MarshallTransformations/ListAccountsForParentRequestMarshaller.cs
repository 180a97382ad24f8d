using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.Organizations.Model.Internal.MarshallTransformations;

public sealed class ListAccountsForParentRequestMarshaller : IMarshaller<IRequest, ListAccountsForParentRequest>, IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static ListAccountsForParentRequestMarshaller Instance { get; } = new();

    public IRequest Marshall(AmazonWebServiceRequest input) => Marshall((ListAccountsForParentRequest)input);

    public IRequest Marshall(ListAccountsForParentRequest publicRequest)
    {
        ArgumentNullException.ThrowIfNull(publicRequest);
        // Required by the model: without it the service answers InvalidInputException; fail before signing anything.
        if (string.IsNullOrWhiteSpace(publicRequest.ParentId))
            throw new ArgumentException("ListAccountsForParent requires ParentId (a root r-… or an OU ou-…)", nameof(publicRequest));
        return OrganizationsJsonRequest.Build(publicRequest, "ListAccountsForParent", writer =>
        {
            OrganizationsJsonRequest.WriteIfSet(writer, "ParentId", publicRequest.ParentId);
            OrganizationsJsonRequest.WriteIfSet(writer, "NextToken", publicRequest.NextToken);
            OrganizationsJsonRequest.WriteIfSet(writer, "MaxResults", publicRequest.MaxResults);
        });
    }
}
