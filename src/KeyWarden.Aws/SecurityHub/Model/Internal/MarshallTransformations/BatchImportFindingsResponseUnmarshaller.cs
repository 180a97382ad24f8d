using System.Text.Json.Nodes;

namespace KeyWarden.Aws.SecurityHub.Model.Internal.MarshallTransformations;

public sealed class BatchImportFindingsResponseUnmarshaller : SecurityHubResponseUnmarshaller<BatchImportFindingsResponse>
{
    public static BatchImportFindingsResponseUnmarshaller Instance { get; } = new();

    private BatchImportFindingsResponseUnmarshaller() { }

    protected override void Read(JsonObject body, BatchImportFindingsResponse response)
    {
        response.FailedCount = Int(body, "FailedCount");
        response.SuccessCount = Int(body, "SuccessCount");
        response.FailedFindings = Objects(body, "FailedFindings")
            .Select(f => new ImportFindingsError { Id = String(f, "Id"), ErrorCode = String(f, "ErrorCode"), ErrorMessage = String(f, "ErrorMessage") })
            .ToList();
    }
}
