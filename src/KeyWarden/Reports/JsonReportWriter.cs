using System.Text.Encodings.Web;
using System.Text.Json;

namespace KeyWarden.Reports;

/// <summary>
/// The JSON contract, camelCase, nulls written out so every field is always present. Streamed: the envelope is written
/// field by field and each finding serialized on its own as it is reached; the bytes equal serializing the whole
/// <see cref="ReportDocument"/> (the expectation files pin them).
/// </summary>
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
        using (var json = new StreamingJson(output))
        {
            WriteDocument(report, tool, json);
        }

        output.WriteLine();
    }

    /// <summary>The report document, field by field, findings one at a time (also the HTML report's embedded data).</summary>
    internal static void WriteDocument(Audit.AuditReport report, ToolInfo tool, StreamingJson json)
    {
        var w = json.Writer;
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", ReportDocument.CurrentSchemaVersion);
        w.WritePropertyName("tool");
        JsonSerializer.Serialize(w, new ToolDocument(tool.Name, tool.Version), Options);
        w.WriteString("generatedAt", Timestamps.Format(report.GeneratedAt));
        w.WriteString("asOf", Timestamps.Format(report.AsOf));
        w.WritePropertyName("parameters");
        JsonSerializer.Serialize(w, ParametersDocument.From(report), Options);
        w.WritePropertyName("sources");
        JsonSerializer.Serialize(w, report.Sources.Select(SourceDocument.From).ToList(), Options);
        w.WriteStartArray("findings");
        foreach (var finding in report.Findings)
        {
            JsonSerializer.Serialize(w, FindingDocument.From(finding), Options);
            json.Drain();
        }

        w.WriteEndArray();
        w.WritePropertyName("summary");
        JsonSerializer.Serialize(w, SummaryDocument.From(report), Options);
        w.WritePropertyName("rules");
        JsonSerializer.Serialize(w, report.Rules.Metadata.Select(RuleDocument.From).ToList(), Options);
        w.WritePropertyName("exceptions");
        JsonSerializer.Serialize(w, (report.Exceptions ?? []).Select(ExceptionDocument.From).ToList(), Options);
        w.WriteEndObject();
    }
}
