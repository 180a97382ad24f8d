using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

public sealed class GetAccountSummaryRequestMarshaller : IMarshaller<IRequest, GetAccountSummaryRequest>, IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static GetAccountSummaryRequestMarshaller Instance { get; } = new();

    public IRequest Marshall(AmazonWebServiceRequest input) => Marshall((GetAccountSummaryRequest)input);

    public IRequest Marshall(GetAccountSummaryRequest publicRequest)
    {
        return IamQueryRequest.Finish(IamQueryRequest.Start(publicRequest, "GetAccountSummary"));
    }
}
