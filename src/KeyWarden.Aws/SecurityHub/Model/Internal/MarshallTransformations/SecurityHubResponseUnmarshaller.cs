using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.SecurityHub.Model.Internal.MarshallTransformations;

/// <summary>
/// Reads a Security Hub response body as one JSON object. The findings it carries are whole ASFF objects, kept as
/// JSON rather than unmarshalled member by member (the SDK's streaming reader has no "give me this subtree"), so
/// the body is parsed once into nodes and each operation picks its members. Unknown members are ignored. Errors go
/// to <see cref="SecurityHubErrorResponseUnmarshaller"/>.
/// </summary>
public abstract class SecurityHubResponseUnmarshaller<TResponse> : JsonResponseUnmarshaller
    where TResponse : AmazonWebServiceResponse, new()
{
    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
    {
        var response = new TResponse();
        JsonNode? body;
        try
        {
            body = context.Stream is null ? null : JsonNode.Parse(context.Stream);
        }
        catch (JsonException e)
        {
            throw new AmazonUnmarshallingException(context.ResponseData?.GetHeaderValue("x-amzn-RequestId"), null, "Security Hub answered with a body that is not JSON", e, context.ResponseData?.StatusCode ?? HttpStatusCode.OK);
        }

        if (body is JsonObject members)
        {
            Read(members, response);
        }

        return response;
    }

    /// <summary>Copies the operation's members from the response object.</summary>
    protected abstract void Read(JsonObject body, TResponse response);

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode) =>
        SecurityHubErrorResponseUnmarshaller.Unmarshall(context, innerException, statusCode);

    protected static string? String(JsonObject body, string name) =>
        body.TryGetPropertyValue(name, out var value) && value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    protected static int Int(JsonObject body, string name) =>
        body.TryGetPropertyValue(name, out var value) && value is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;

    protected static IEnumerable<JsonObject> Objects(JsonObject body, string name) =>
        body.TryGetPropertyValue(name, out var value) && value is JsonArray array ? array.OfType<JsonObject>() : [];
}
