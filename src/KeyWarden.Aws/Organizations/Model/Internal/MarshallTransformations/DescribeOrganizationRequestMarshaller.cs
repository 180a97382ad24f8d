using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.Organizations.Model.Internal.MarshallTransformations;

public sealed class DescribeOrganizationRequestMarshaller : IMarshaller<IRequest, DescribeOrganizationRequest>, IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static DescribeOrganizationRequestMarshaller Instance { get; } = new();

    public IRequest Marshall(AmazonWebServiceRequest input) => Marshall((DescribeOrganizationRequest)input);

    public IRequest Marshall(DescribeOrganizationRequest publicRequest)
    {
        ArgumentNullException.ThrowIfNull(publicRequest);
        return OrganizationsJsonRequest.Build(publicRequest, "DescribeOrganization", _ => { });
    }
}
