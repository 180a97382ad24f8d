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

    /// <summary>
    /// The single-active-key rule alone: what tests of that rule's decisions and of the formats' per-finding shape audit with
    /// (the rule family has its own tests and expectation files).
    /// </summary>
    public static AuditParameters SingleRule { get; } = new(Rules: [KeyWarden.Audit.Rules.MultipleActiveKeys.MultipleActiveKeysRule.Metadata.Id]);

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string ExpectedPath(string name) => Path.Combine(AppContext.BaseDirectory, "Expected", name);

    public static AuditReport SampleReport(AuditParameters? parameters = null)
    {
        var inventories = new CredentialReportFileSource(FixturePath("sample-report.csv"))
            .ReadAsync(CancellationToken.None).GetAwaiter().GetResult();
        // The location is machine-specific; the expectation files record the fixture name only.
        var stable = inventories.Select(i => i with { Source = i.Source with { Location = "sample-report.csv" } }).ToList();
        return Auditor.Audit(stable, parameters ?? SingleRule, AsOf, GeneratedAt);
    }
}
