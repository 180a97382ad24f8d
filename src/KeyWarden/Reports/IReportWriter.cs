using KeyWarden.Audit;

namespace KeyWarden.Reports;

/// <summary>One output format. Every writer reads the same <see cref="AuditReport"/>; none calls AWS.</summary>
public interface IReportWriter
{
    /// <summary>The name used with --format.</summary>
    string Format { get; }

    /// <summary>File extension used with --output-dir.</summary>
    string FileExtension { get; }

    void Write(AuditReport report, TextWriter output);
}
