using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

public sealed class GetCredentialReportRequestMarshaller : IMarshaller<IRequest, GetCredentialReportRequest>, IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static GetCredentialReportRequestMarshaller Instance { get; } = new();

    public IRequest Marshall(AmazonWebServiceRequest input) => Marshall((GetCredentialReportRequest)input);

    public IRequest Marshall(GetCredentialReportRequest publicRequest)
    {
        return IamQueryRequest.Finish(IamQueryRequest.Start(publicRequest, "GetCredentialReport"));
    }
}
