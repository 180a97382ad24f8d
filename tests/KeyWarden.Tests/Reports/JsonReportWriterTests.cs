using System.Text.Json;
using KeyWarden.Audit;
using KeyWarden.Reports;

namespace KeyWarden.Tests.Reports;

public class JsonReportWriterTests
{
    private static string Render(AuditReport report)
    {
        var output = new StringWriter();
        new JsonReportWriter(TestData.Tool).Write(report, output);
        return output.ToString();
    }

    [Fact]
    public void Sample_report_matches_the_expectation_file()
    {
        Expectation.Matches("sample-report.json", Render(TestData.SampleReport()));
    }

    [Fact]
    public void The_summary_counts_each_rule_in_run_order_and_they_add_up_to_the_totals()
    {
        var report = TestData.SampleReport(new AuditParameters());
        var summary = JsonDocument.Parse(Render(report)).RootElement.GetProperty("summary");
        var byRule = summary.GetProperty("byRule").EnumerateObject().ToList();

        Assert.Equal(report.Rules.Ids.ToList(), byRule.Select(r => r.Name).ToList());
        Assert.Equal(report.Findings.Count, summary.GetProperty("findings").GetInt32());
        foreach (var status in new[] { "pass", "fail", "warn", "error", "muted", "findings" })
        {
            Assert.Equal(summary.GetProperty(status).GetInt32(), byRule.Sum(r => r.Value.GetProperty(status).GetInt32()));
        }

        foreach (var rule in byRule)
        {
            var findings = report.Findings.Where(f => f.RuleId == rule.Name).ToList();
            Assert.Equal(findings.Count(f => f.Status == FindingStatus.Fail), rule.Value.GetProperty("fail").GetInt32());
            Assert.Equal(findings.Select(f => f.Principal).Distinct().Count(), rule.Value.GetProperty("principals").GetInt32());
        }

        Assert.True(byRule.Single(r => r.Name == "iam-access-key-unused").Value.GetProperty("fail").GetInt32() > 0);
    }

    [Fact]
    public void Rotation_as_warning_matches_the_expectation_file()
    {
        Expectation.Matches("sample-report-rotation-warn.json", Render(TestData.SampleReport(TestData.SingleRule with { TreatRotationAsWarning = true })));
    }

    [Fact]
    public void Every_contract_field_is_present_with_its_json_type()
    {
        using var doc = JsonDocument.Parse(Render(TestData.SampleReport()));
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("keywarden", root.GetProperty("tool").GetProperty("name").GetString());
        Assert.Equal("2026-11-28T09:30:00Z", root.GetProperty("generatedAt").GetString());
        var parameters = root.GetProperty("parameters");
        Assert.Equal(90, parameters.GetProperty("maxKeyAgeDays").GetInt32());
        Assert.Equal(30, parameters.GetProperty("inUseDays").GetInt32());
        Assert.Equal(7, parameters.GetProperty("rotationGraceDays").GetInt32());

        var source = Assert.Single(root.GetProperty("sources").EnumerateArray());
        Assert.Equal("111122223333", source.GetProperty("accountId").GetString());
        Assert.Equal("aws", source.GetProperty("partition").GetString());
        Assert.Equal("credential-report-file", source.GetProperty("kind").GetString());
        Assert.Equal("2026-11-28T06:00:00Z", source.GetProperty("dataAsOf").GetString());
        Assert.Equal(JsonValueKind.Null, source.GetProperty("error").ValueKind);

        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(16, findings.Count);
        var root_ = findings.Single(f => f.GetProperty("principal").GetString() == "<root_account>");
        Assert.True(root_.GetProperty("isRoot").GetBoolean());

        var bob = findings.Single(f => f.GetProperty("principal").GetString() == "bob");
        foreach (var name in new[] { "ruleId", "accountId", "principal", "arn", "isRoot", "status", "classification", "activeKeyCount", "keys", "decision", "message" })
        {
            Assert.True(bob.TryGetProperty(name, out _), $"finding lacks {name}");
        }

        Assert.Equal("FAIL", bob.GetProperty("status").GetString());
        Assert.Equal("forgotten-key", bob.GetProperty("classification").GetString());
        Assert.Equal(2, bob.GetProperty("activeKeyCount").GetInt32());
        var key = bob.GetProperty("keys")[0];
        Assert.Equal(JsonValueKind.Null, key.GetProperty("id").ValueKind);
        Assert.Equal(1, key.GetProperty("slot").GetInt32());
        Assert.Equal("Active", key.GetProperty("status").GetString());
        Assert.Equal("2025-10-24T09:00:00Z", key.GetProperty("createdAt").GetString());
        Assert.Equal(400, key.GetProperty("ageDays").GetInt32());
        Assert.Equal("2026-05-12T06:00:00Z", key.GetProperty("lastUsedAt").GetString());
        Assert.Equal("ec2", key.GetProperty("lastUsedService").GetString());
        Assert.Equal("eu-west-1", key.GetProperty("lastUsedRegion").GetString());
        var decision = bob.GetProperty("decision");
        Assert.Equal("slot:2", decision.GetProperty("keep").GetString());
        Assert.Equal(["slot:1"], decision.GetProperty("deactivate").EnumerateArray().Select(e => e.GetString()));
        Assert.NotEmpty(decision.GetProperty("reasons").EnumerateArray());
        Assert.False(decision.GetProperty("rotateKeeper").GetBoolean());
        Assert.False(decision.GetProperty("needsReview").GetBoolean());

        var alice = findings.Single(f => f.GetProperty("principal").GetString() == "alice");
        Assert.Equal(JsonValueKind.Null, alice.GetProperty("decision").ValueKind);
        Assert.Equal("PASS", alice.GetProperty("status").GetString());

        var summary = root.GetProperty("summary");
        Assert.Equal(16, summary.GetProperty("principals").GetInt32());
        Assert.Equal(8, summary.GetProperty("fail").GetInt32());
        Assert.Equal(8, summary.GetProperty("pass").GetInt32());
        foreach (var name in new[] { "warn", "error", "muted" })
        {
            Assert.Equal(0, summary.GetProperty(name).GetInt32());
        }
    }

    [Fact]
    public void Every_classification_appears_in_the_sample()
    {
        var classifications = TestData.SampleReport().Findings.Select(f => f.Classification).OfType<Classification>().ToHashSet();
        Assert.Equal(Enum.GetValues<Classification>().ToHashSet(), classifications);
    }
}
