using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace KeyWarden.Aws.SecurityHub.Model.Internal.MarshallTransformations;

/// <summary>
/// The REST-JSON request every Security Hub operation KeyWarden calls is: <c>POST</c> to the operation's URI
/// (<c>/findings/import</c>, <c>/findings</c>), a JSON object body, no X-Amz-Target (the URI names the operation).
/// </summary>
public static class SecurityHubRestJsonRequest
{
    public const string ContentType = "application/json";

    public static IRequest Build(AmazonWebServiceRequest publicRequest, string resourcePath, Action<Utf8JsonWriter> writeMembers)
    {
        IRequest request = new DefaultRequest(publicRequest, SecurityHubConfig.ServiceId)
        {
            HttpMethod = "POST",
            ResourcePath = resourcePath,
        };
        request.Headers["Content-Type"] = ContentType;
        request.Headers[Amazon.Util.HeaderKeys.XAmzApiVersion] = "2018-10-26";

        using var body = new MemoryStream();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        // A byte array, not a stream: SigV4 hashes the payload.
        request.Content = body.ToArray();
        return request;
    }

    public static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value != null) writer.WriteString(name, value);
    }

    public static void WriteIfSet(Utf8JsonWriter writer, string name, int? value)
    {
        if (value.HasValue) writer.WriteNumber(name, value.Value);
    }
}
