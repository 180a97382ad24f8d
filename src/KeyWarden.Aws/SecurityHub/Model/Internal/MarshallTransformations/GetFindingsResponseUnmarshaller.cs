using System.Text.Json.Nodes;

namespace KeyWarden.Aws.SecurityHub.Model.Internal.MarshallTransformations;

public sealed class GetFindingsResponseUnmarshaller : SecurityHubResponseUnmarshaller<GetFindingsResponse>
{
    public static GetFindingsResponseUnmarshaller Instance { get; } = new();

    private GetFindingsResponseUnmarshaller() { }

    protected override void Read(JsonObject body, GetFindingsResponse response)
    {
        // Detached copies: the caller may keep or change them without touching the parsed body.
        response.Findings = Objects(body, "Findings").Select(f => (JsonObject)f.DeepClone()).ToList();
        response.NextToken = String(body, "NextToken") is { Length: > 0 } token ? token : null;
    }
}
