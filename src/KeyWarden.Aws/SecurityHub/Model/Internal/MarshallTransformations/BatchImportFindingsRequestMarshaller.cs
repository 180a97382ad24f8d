using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.SecurityHub.Model.Internal.MarshallTransformations;

public sealed class BatchImportFindingsRequestMarshaller : IMarshaller<IRequest, BatchImportFindingsRequest>, IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static BatchImportFindingsRequestMarshaller Instance { get; } = new();

    public IRequest Marshall(AmazonWebServiceRequest input) => Marshall((BatchImportFindingsRequest)input);

    public IRequest Marshall(BatchImportFindingsRequest publicRequest)
    {
        ArgumentNullException.ThrowIfNull(publicRequest);
        return SecurityHubRestJsonRequest.Build(publicRequest, "/findings/import", writer =>
        {
            // Findings is required (the model): always sent, also when empty.
            writer.WriteStartArray("Findings");
            foreach (var finding in publicRequest.Findings)
            {
                finding.WriteTo(writer);
            }

            writer.WriteEndArray();
        });
    }
}
