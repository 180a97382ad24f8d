using KeyWarden.Audit;

namespace KeyWarden.Reports;

/// <summary>A saved JSON report as read back: where it came from, its document (tool, rules) and the report the writers take.</summary>
public sealed record SavedReport(string Name, ReportDocument Document, AuditReport Report)
{
    /// <summary>The tool that wrote it: rendering with the same name and version reproduces the original bytes.</summary>
    public ToolInfo Tool => new(Document.Tool.Name, Document.Tool.Version);
}
