using System.Text.Encodings.Web;
using System.Text.Json;

namespace KeyWarden.Reports;

/// <summary>The JSON contract, camelCase, nulls written out so every field is always present.</summary>
public sealed class JsonReportWriter(ToolInfo tool) : IReportWriter
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Principal names such as <root_account> stay readable instead of \u003C-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Format => "json";

    public string FileExtension => "json";

    public void Write(Audit.AuditReport report, TextWriter output)
    {
        output.Write(JsonSerializer.Serialize(ReportDocument.From(report, tool), Options));
        output.WriteLine();
    }
}
