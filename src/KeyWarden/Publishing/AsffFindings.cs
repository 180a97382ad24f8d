using System.Text.Json.Nodes;
using KeyWarden.Audit;
using KeyWarden.Reports;

namespace KeyWarden.Publishing;

/// <summary>
/// The ASFF findings of a report as JSON objects, exactly as <see cref="AsffReportWriter"/> writes them (one writer,
/// one mapping: what is imported is what `--format asff` shows), and the few members the import reads or sets.
/// </summary>
public static class AsffFindings
{
    public static IReadOnlyList<JsonObject> Of(AuditReport report, ToolInfo tool, string region)
    {
        using var text = new StringWriter();
        new AsffReportWriter(tool, region).Write(report, text);
        return (JsonNode.Parse(text.ToString()) as JsonArray ?? []).OfType<JsonObject>().ToList();
    }

    public static string Id(JsonObject finding) => (string?)finding["Id"] ?? "";

    public static string AccountId(JsonObject finding) => (string?)finding["AwsAccountId"] ?? "";

    public static string ProductArn(JsonObject finding) => (string?)finding["ProductArn"] ?? "";

    public static string GeneratorId(JsonObject finding) => (string?)finding["GeneratorId"] ?? "";

    public static string? ComplianceStatus(JsonObject finding) => (string?)finding["Compliance"]?["Status"];

    public static string? RecordState(JsonObject finding) => (string?)finding["RecordState"];

    public static string? CreatedAt(JsonObject finding) => (string?)finding["CreatedAt"];
}
