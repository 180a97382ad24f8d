using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

public sealed class GenerateCredentialReportRequestMarshaller : IMarshaller<IRequest, GenerateCredentialReportRequest>, IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static GenerateCredentialReportRequestMarshaller Instance { get; } = new();

    public IRequest Marshall(AmazonWebServiceRequest input) => Marshall((GenerateCredentialReportRequest)input);

    public IRequest Marshall(GenerateCredentialReportRequest publicRequest)
    {
        return IamQueryRequest.Finish(IamQueryRequest.Start(publicRequest, "GenerateCredentialReport"));
    }
}
