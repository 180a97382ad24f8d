using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace KeyWarden.Aws.Organizations.Model.Internal.MarshallTransformations;

/// <summary>
/// The parts every Organizations (JSON 1.1) marshaller shares: <c>POST /</c>, <c>X-Amz-Target:
/// AWSOrganizationsV20161128.{Op}</c>, <c>Content-Type: application/x-amz-json-1.1</c>, and a JSON object body
/// (<c>{}</c> when nothing is set) written by the operation's own members.
/// </summary>
internal static class OrganizationsJsonRequest
{
    public const string TargetPrefix = "AWSOrganizationsV20161128";
    public const string ContentType = "application/x-amz-json-1.1";

    public static IRequest Build(AmazonWebServiceRequest publicRequest, string operation, Action<Utf8JsonWriter> writeMembers)
    {
        IRequest request = new DefaultRequest(publicRequest, OrganizationsConfig.ServiceId)
        {
            HttpMethod = "POST",
            ResourcePath = "/",
        };
        request.Headers["X-Amz-Target"] = TargetPrefix + "." + operation;
        request.Headers["Content-Type"] = ContentType;
        request.Headers[Amazon.Util.HeaderKeys.XAmzApiVersion] = "2016-11-28";

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
