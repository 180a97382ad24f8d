using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace KeyWarden.Aws.Organizations.Model.Internal.MarshallTransformations;

/// <summary>
/// Turns an Organizations error (<c>{"__type":"…","Message":"…"}</c>; the type may be namespace-qualified,
/// <c>com.amazonaws.organizations#AccessDeniedException</c>, or arrive in the <c>x-amzn-ErrorType</c> header) into the
/// exception type of its code. The code is read by the SDK's own JSON error unmarshaller; a body that is not JSON (a
/// proxy's HTML page) leaves the code unknown and the message names the HTTP status and an excerpt.
/// </summary>
public static class OrganizationsErrorResponseUnmarshaller
{
    private delegate AmazonOrganizationsException Factory(string message, Exception? inner, ErrorType type, string? code, string? requestId, HttpStatusCode status);

    private static readonly Dictionary<string, Factory> Factories = new(StringComparer.Ordinal)
    {
        [AWSOrganizationsNotInUseException.Code] = (m, i, t, c, r, s) => new AWSOrganizationsNotInUseException(m, i, t, c, r, s),
        [AccessDeniedException.Code] = (m, i, t, c, r, s) => new AccessDeniedException(m, i, t, c, r, s),
        [ConcurrentModificationException.Code] = (m, i, t, c, r, s) => new ConcurrentModificationException(m, i, t, c, r, s),
        [InvalidInputException.Code] = (m, i, t, c, r, s) => new InvalidInputException(m, i, t, c, r, s),
        [ParentNotFoundException.Code] = (m, i, t, c, r, s) => new ParentNotFoundException(m, i, t, c, r, s),
        [ServiceException.Code] = (m, i, t, c, r, s) => new ServiceException(m, i, t, c, r, s),
        [TooManyRequestsException.Code] = (m, i, t, c, r, s) => new TooManyRequestsException(m, i, t, c, r, s),
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
        var code = Blank(error?.Code);
        var message = Blank(error?.Message)
            ?? (code != null
                ? $"Organizations returned error {code} (HTTP {(int)statusCode})"
                : $"Organizations returned HTTP {(int)statusCode}" + (body.Length > 0 ? ": " + Excerpt(body) : ""));
        var type = error?.Type ?? ErrorType.Unknown;
        var requestId = Blank(error?.RequestId) ?? Blank(context.ResponseData?.GetHeaderValue("x-amzn-RequestId"));

        if (code == null || !Factories.TryGetValue(code, out var factory))
            return new AmazonOrganizationsException(message, innerException, type, code, requestId, statusCode);

        var exception = factory(message, innerException, type, code, requestId, statusCode);
        switch (exception)
        {
            case InvalidInputException invalid:
                invalid.Reason = Member(body, "Reason");
                break;
            case TooManyRequestsException throttled:
                throttled.Type = Member(body, "Type");
                break;
        }
        return exception;
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

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Excerpt(byte[] body, int max = 200)
    {
        var text = string.Join(' ', Encoding.UTF8.GetString(body).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= max ? text : text[..max] + "…";
    }
}
