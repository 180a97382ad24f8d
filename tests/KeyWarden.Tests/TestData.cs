using KeyWarden.Audit;
using KeyWarden.Inventory;
using KeyWarden.Reports;

namespace KeyWarden.Tests;

/// <summary>Shared inputs: the sample report audited at a fixed instant, so expectation files never depend on today.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset AsOf = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset GeneratedAt = new(2026, 11, 28, 9, 30, 0, TimeSpan.Zero);
    public static readonly ToolInfo Tool = new("keywarden", "0.0.0-test");

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string ExpectedPath(string name) => Path.Combine(AppContext.BaseDirectory, "Expected", name);

    public static AuditReport SampleReport(AuditParameters? parameters = null)
    {
        var inventories = new CredentialReportFileSource(FixturePath("sample-report.csv"))
            .ReadAsync(CancellationToken.None).GetAwaiter().GetResult();
        // The location is machine-specific; the expectation files record the fixture name only.
        var stable = inventories.Select(i => i with { Source = i.Source with { Location = "sample-report.csv" } }).ToList();
        return Auditor.Audit(stable, parameters ?? new AuditParameters(), AsOf, GeneratedAt);
    }
}
