using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

/// <summary>
/// The fields of a Query-protocol error body. Read with our own reader rather than the SDK's because the SDK's
/// drops CDATA text (moto wraps every Message in CDATA) and the shapes vary: with or without namespace,
/// <c>ErrorResponse/Error</c> or <c>ErrorResponse/Errors/Error</c>, RequestId beside or inside Error, Type optional.
/// </summary>
internal sealed record IamErrorDetails(string? Type, string? Code, string? Message, string? RequestId)
{
    public static IamErrorDetails Parse(byte[] body)
    {
        if (body.Length == 0) return new(null, null, null, null);
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
            using var reader = XmlReader.Create(new MemoryStream(body), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            // Not XML (a proxy's HTML page, a truncated body): the caller falls back to the HTTP status.
            return new(null, null, null, null);
        }

        // XElement.Value includes CDATA sections, which the SDK's reader drops.
        var error = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
        string? Child(string name) => error?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        var requestId = document.Descendants().FirstOrDefault(e => e.Name.LocalName is "RequestId" or "RequestID")?.Value;
        return new(Blank(Child("Type")), Blank(Child("Code")), Blank(Child("Message")), Blank(requestId));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>A short, single-line excerpt of a non-XML body for messages.</summary>
    public static string Excerpt(byte[] body, int max = 200)
    {
        var text = string.Join(' ', Encoding.UTF8.GetString(body).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= max ? text : text[..max] + "…";
    }
}
