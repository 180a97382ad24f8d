using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.SecurityHub.Model.Internal.MarshallTransformations;

public sealed class GetFindingsRequestMarshaller : IMarshaller<IRequest, GetFindingsRequest>, IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static GetFindingsRequestMarshaller Instance { get; } = new();

    public IRequest Marshall(AmazonWebServiceRequest input) => Marshall((GetFindingsRequest)input);

    public IRequest Marshall(GetFindingsRequest publicRequest)
    {
        ArgumentNullException.ThrowIfNull(publicRequest);
        return SecurityHubRestJsonRequest.Build(publicRequest, "/findings", writer =>
        {
            if (publicRequest.Filters is { } filters)
            {
                writer.WriteStartObject("Filters");
                WriteFilters(writer, "Id", filters.Id);
                WriteFilters(writer, "ProductArn", filters.ProductArn);
                WriteFilters(writer, "GeneratorId", filters.GeneratorId);
                WriteFilters(writer, "AwsAccountId", filters.AwsAccountId);
                WriteFilters(writer, "RecordState", filters.RecordState);
                writer.WriteEndObject();
            }

            SecurityHubRestJsonRequest.WriteIfSet(writer, "NextToken", publicRequest.NextToken);
            SecurityHubRestJsonRequest.WriteIfSet(writer, "MaxResults", publicRequest.MaxResults);
        });
    }

    private static void WriteFilters(Utf8JsonWriter writer, string name, List<StringFilter>? values)
    {
        if (values is null) return;
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStartObject();
            SecurityHubRestJsonRequest.WriteIfSet(writer, "Value", value.Value);
            SecurityHubRestJsonRequest.WriteIfSet(writer, "Comparison", value.Comparison);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
