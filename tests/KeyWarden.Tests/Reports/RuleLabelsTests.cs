using System.Text.Json;
using System.Xml.Linq;
using KeyWarden.Audit;
using KeyWarden.Reports;

namespace KeyWarden.Tests.Reports;

/// <summary>
/// Every machine format carries each finding's rule (and, for a key-level rule, its key), so that a consumer can
/// group, filter or count by rule: read back per format and compared with the findings, rule by rule.
/// </summary>
public sealed class RuleLabelsTests
{
    private static readonly AuditReport Report = TestData.SampleReport(new AuditParameters());

    /// <summary>(rule, principal, key) of every finding: what each format must let a reader recover.</summary>
    private static List<string> Expected() =>
        [.. Report.Findings.Select(f => $"{f.RuleId}|{f.Principal}|{f.Key}").Order(StringComparer.Ordinal)];

    [Fact]
    public void The_sample_has_findings_of_every_rule_and_key_level_ones()
    {
        Assert.Equal(RuleSetIds(), Report.Findings.Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal).ToList());
        Assert.Contains(Report.Findings, f => f.Key is not null);
    }

    private static List<string> RuleSetIds() => [.. Report.Rules.Ids.Order(StringComparer.Ordinal)];

    [Fact]
    public void Json_findings_carry_rule_and_key()
    {
        var findings = JsonDocument.Parse(ReportFixtures.Render(new JsonReportWriter(TestData.Tool), Report)).RootElement.GetProperty("findings");
        var labels = findings.EnumerateArray().Select(f =>
            $"{f.GetProperty("ruleId").GetString()}|{f.GetProperty("principal").GetString()}|{(f.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null)}");
        Assert.Equal(Expected(), labels.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Csv_rows_carry_the_rule_and_a_key_level_finding_is_the_row_of_its_key()
    {
        // Read back with the tool's own RFC 4180 reader (messages hold quoted commas).
        var reader = new KeyWarden.Inventory.CsvRecordReader(new StringReader(ReportFixtures.Render(new CsvReportWriter(), Report)), "report.csv");
        var header = reader.Next()!.Value.Fields.ToArray();
        int Column(string name) => Array.IndexOf(header, name);
        var rows = new List<string[]>();
        while (reader.Next() is { } record)
        {
            rows.Add([.. record.Fields]);
        }

        foreach (var ruleId in Report.Rules.Ids)
        {
            // One row per key a finding shows (one row for a finding with none), each labelled with the finding's rule and status.
            var findings = Report.Findings.Where(f => f.RuleId == ruleId).ToList();
            var ofRule = rows.Where(r => r[Column("ruleId")] == ruleId).ToList();
            Assert.Equal(findings.Sum(f => Math.Max(1, f.Keys.Count)), ofRule.Count);
            Assert.Equal(findings.Where(f => f.Status == FindingStatus.Fail).Sum(f => Math.Max(1, f.Keys.Count)), ofRule.Count(r => r[Column("status")] == "FAIL"));
        }

        // A key-level finding's row names exactly its own key.
        foreach (var finding in Report.Findings.Where(f => f.Key is not null))
        {
            var own = rows.Where(r => r[Column("ruleId")] == finding.RuleId && r[Column("principal")] == finding.Principal && KeyOf(r) == finding.Key).ToList();
            Assert.Single(own);
        }

        string? KeyOf(string[] r) => r[Column("keyId")] is { Length: > 0 } id ? id : r[Column("keySlot")] is { Length: > 0 } slot ? $"slot:{slot}" : null;
    }

    [Fact]
    public void Asff_findings_are_generated_by_their_rule_and_unique_per_key()
    {
        var findings = JsonDocument.Parse(ReportFixtures.Render(new AsffReportWriter(TestData.Tool), Report)).RootElement.EnumerateArray().ToList();
        Assert.Equal(Report.Findings.Count, findings.Count);
        Assert.Equal(
            Report.Findings.GroupBy(f => f.RuleId).ToDictionary(g => $"keywarden/{g.Key}", g => g.Count()),
            findings.GroupBy(f => f.GetProperty("GeneratorId").GetString()!).ToDictionary(g => g.Key, g => g.Count()));
        Assert.Equal(findings.Count, findings.Select(f => f.GetProperty("Id").GetString()).Distinct().Count());
    }

    [Fact]
    public void Ocsf_findings_name_their_rule_and_are_unique_per_key()
    {
        var findings = JsonDocument.Parse(ReportFixtures.Render(new OcsfReportWriter(TestData.Tool), Report)).RootElement.EnumerateArray().ToList();
        Assert.Equal(Report.Findings.Count, findings.Count);
        var uids = findings.Select(f => f.GetProperty("finding_info").GetProperty("uid").GetString()!).ToList();
        Assert.Equal(Report.Findings.Select(OcsfReportWriter.FindingUid).Order(StringComparer.Ordinal), uids.Order(StringComparer.Ordinal));
        Assert.Equal(uids.Count, uids.Distinct().Count());
        foreach (var ruleId in Report.Rules.Ids)
        {
            Assert.Equal(Report.Findings.Count(f => f.RuleId == ruleId), uids.Count(u => u.Contains($"-{ruleId}-", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Junit_cases_are_classed_by_rule()
    {
        var cases = XDocument.Parse(ReportFixtures.Render(new JUnitReportWriter(TestData.Tool), Report)).Descendants("testcase").ToList();
        Assert.Equal(Report.Findings.Count, cases.Count);
        foreach (var ruleId in Report.Rules.Ids)
        {
            Assert.Equal(Report.Findings.Count(f => f.RuleId == ruleId), cases.Count(c => c.Attribute("classname")!.Value.StartsWith(ruleId + ".", StringComparison.Ordinal)));
        }
    }
}
