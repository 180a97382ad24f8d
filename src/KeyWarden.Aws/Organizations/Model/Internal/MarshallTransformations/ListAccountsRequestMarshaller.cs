using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.Organizations.Model.Internal.MarshallTransformations;

public sealed class ListAccountsRequestMarshaller : IMarshaller<IRequest, ListAccountsRequest>, IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static ListAccountsRequestMarshaller Instance { get; } = new();

    public IRequest Marshall(AmazonWebServiceRequest input) => Marshall((ListAccountsRequest)input);

    public IRequest Marshall(ListAccountsRequest publicRequest)
    {
        ArgumentNullException.ThrowIfNull(publicRequest);
        return OrganizationsJsonRequest.Build(publicRequest, "ListAccounts", writer =>
        {
            OrganizationsJsonRequest.WriteIfSet(writer, "NextToken", publicRequest.NextToken);
            OrganizationsJsonRequest.WriteIfSet(writer, "MaxResults", publicRequest.MaxResults);
        });
    }
}
