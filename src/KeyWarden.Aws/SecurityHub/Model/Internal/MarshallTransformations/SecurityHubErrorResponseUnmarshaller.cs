using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace KeyWarden.Aws.SecurityHub.Model.Internal.MarshallTransformations;

/// <summary>
/// Turns a Security Hub error into the exception type of its code. REST-JSON errors name the code in the
/// <c>x-amzn-ErrorType</c> header or the body (<c>__type</c>, possibly namespace-qualified, or the model's <c>Code</c>
/// member: <c>{"Code":"InvalidInputException","Message":"…"}</c>); the SDK's own JSON error unmarshaller reads the first
/// two, the <c>Code</c> member is read here. A body that is not JSON (a proxy's HTML page) leaves the code unknown and
/// the message names the HTTP status and an excerpt.
/// </summary>
public static class SecurityHubErrorResponseUnmarshaller
{
    private delegate AmazonSecurityHubException Factory(string message, Exception? inner, ErrorType type, string? code, string? requestId, HttpStatusCode status);

    private static readonly Dictionary<string, Factory> Factories = new(StringComparer.Ordinal)
    {
        [AccessDeniedException.Code] = (m, i, t, c, r, s) => new AccessDeniedException(m, i, t, c, r, s),
        [InternalException.Code] = (m, i, t, c, r, s) => new InternalException(m, i, t, c, r, s),
        [InvalidAccessException.Code] = (m, i, t, c, r, s) => new InvalidAccessException(m, i, t, c, r, s),
        [InvalidInputException.Code] = (m, i, t, c, r, s) => new InvalidInputException(m, i, t, c, r, s),
        [LimitExceededException.Code] = (m, i, t, c, r, s) => new LimitExceededException(m, i, t, c, r, s),
    };

    public static AmazonServiceException Unmarshall(JsonUnmarshallerContext context, Exception? innerException, HttpStatusCode statusCode)
    {
        ErrorResponse? error = null;
        try
        {
            var reader = new StreamingUtf8JsonReader(context.Stream);
            error = JsonErrorResponseUnmarshaller.GetInstance().Unmarshall(context, ref reader);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // Not JSON: fall back to the status and an excerpt of the body below.
        }

        // The generated unmarshallers re-read the body for the members of the error shape.
        var body = SafeBody(context);
        var code = Unqualified(Blank(error?.Code) ?? Member(body, "Code"));
        var message = Blank(error?.Message) ?? Member(body, "Message")
            ?? (code != null
                ? $"Security Hub returned error {code} (HTTP {(int)statusCode})"
                : $"Security Hub returned HTTP {(int)statusCode}" + (body.Length > 0 ? ": " + Excerpt(body) : ""));
        var type = error?.Type ?? ErrorType.Unknown;
        var requestId = Blank(error?.RequestId) ?? Blank(context.ResponseData?.GetHeaderValue("x-amzn-RequestId"));

        if (code == null || !Factories.TryGetValue(code, out var factory))
            return new AmazonSecurityHubException(message, innerException, type, code, requestId, statusCode);

        return factory(message, innerException, type, code, requestId, statusCode);
    }

    private static byte[] SafeBody(JsonUnmarshallerContext context)
    {
        try { return context.GetResponseBodyBytes() ?? []; }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or IOException) { return []; }
    }

    private static string? Member(byte[] body, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? Blank(value.GetString())
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // "com.amazonaws.securityhub#InvalidInputException" or "InvalidInputException:http://internal…" -> the bare code.
    private static string? Unqualified(string? code) => code?.Split('#')[^1].Split(':')[0];

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Excerpt(byte[] body, int max = 200)
    {
        var text = string.Join(' ', Encoding.UTF8.GetString(body).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= max ? text : text[..max] + "…";
    }
}
