using System.Text.Json;
using KeyWarden.Audit;
using KeyWarden.Reports;
using KeyWarden.Tests.Reports.Authoritative;

namespace KeyWarden.Tests.Reports;

public class OcsfReportWriterTests
{
    private static string Render(AuditReport report) => ReportFixtures.Render(new OcsfReportWriter(TestData.Tool), report);

    private static List<JsonElement> Findings(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();

    [Fact]
    public void Sample_report_matches_the_expectation_file()
    {
        Expectation.Matches("sample-report.ocsf.json", Render(TestData.SampleReport()));
    }

    private static IReadOnlyList<string> SchemaErrors(string json) => Findings(json).SelectMany(OcsfSchema.ComplianceFinding.Validate).ToList();

    private static string Principal(JsonElement finding) => finding.GetProperty("unmapped").GetProperty("finding_info").GetProperty("name").GetString()!;

    [Fact]
    public void One_compliance_finding_per_finding_with_a_stable_unique_uid()
    {
        var report = TestData.SampleReport();
        var uids = Findings(Render(report)).Select(f => f.GetProperty("finding_info").GetProperty("uid").GetString()).ToList();
        Assert.Equal(report.Findings.Count, uids.Count);
        Assert.Equal(uids.Count, uids.Distinct().Count());
        Assert.Equal(uids, Findings(Render(TestData.SampleReport())).Select(f => f.GetProperty("finding_info").GetProperty("uid").GetString()));
        Assert.Contains("keywarden-aws-iam-single-active-access-key-111122223333-bob", uids);
    }

    [Fact]
    public void Status_severity_compliance_and_resource_follow_the_prowler_mapping_in_a_compliance_finding()
    {
        var findings = Findings(Render(ReportFixtures.EveryStatus())).ToDictionary(Principal);
        var failing = findings[ReportFixtures.ScriptName];
        Assert.Equal(2003, failing.GetProperty("class_uid").GetInt32());
        Assert.Equal("Compliance Finding", failing.GetProperty("class_name").GetString());
        Assert.Equal(200301, failing.GetProperty("type_uid").GetInt32());
        Assert.Equal("FAIL", failing.GetProperty("status_code").GetString());
        Assert.Equal(1, failing.GetProperty("status_id").GetInt32());
        Assert.Equal(3, failing.GetProperty("severity_id").GetInt32());
        Assert.Equal("arn:aws:iam::111122223333:user/" + ReportFixtures.ScriptName, failing.GetProperty("resource").GetProperty("uid").GetString());
        Assert.Equal(["1.13"], failing.GetProperty("unmapped").GetProperty("compliance").GetProperty("CIS-1.4.0").EnumerateArray().Select(e => e.GetString()));
        var compliance = failing.GetProperty("compliance");
        Assert.Contains("CIS AWS Foundations Benchmark v6.0.0/2.12", compliance.GetProperty("requirements").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("CIS AWS Foundations Benchmark v6.0.0", compliance.GetProperty("standards").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal((3, "Fail", "FAIL"), (compliance.GetProperty("status_id").GetInt32(), compliance.GetProperty("status").GetString(), compliance.GetProperty("status_code").GetString()));
        Assert.Equal(ReportFixtures.ScriptName, failing.GetProperty("resource").GetProperty("name").GetString());
        Assert.StartsWith("Every active access key is a long-term credential", failing.GetProperty("unmapped").GetProperty("risk_details").GetString(), StringComparison.Ordinal);
        Assert.False(failing.TryGetProperty("risk_details", out _));
        Assert.False(failing.GetProperty("finding_info").TryGetProperty("name", out _));
        var evidence = failing.GetProperty("resource").GetProperty("data").GetProperty("metadata");
        Assert.Equal("AKIASCRIPT0000000002", evidence.GetProperty("decision").GetProperty("keep").GetString());
        Assert.Equal(400, evidence.GetProperty("keys")[0].GetProperty("ageDays").GetInt32());

        var muted = findings["svc-legacy"];
        Assert.Equal("MUTED", muted.GetProperty("status_code").GetString());
        Assert.Equal(3, muted.GetProperty("status_id").GetInt32());
        Assert.Equal("Suppressed", muted.GetProperty("status").GetString());
        Assert.Contains("TICKET-42", muted.GetProperty("status_detail").GetString());

        Assert.Equal("ERROR", findings["broken"].GetProperty("status_code").GetString());
        Assert.Equal("WARN", findings["rotating"].GetProperty("status_code").GetString());
        Assert.Equal(TestData.AsOf.ToUnixTimeMilliseconds(), failing.GetProperty("time").GetInt64());
    }

    [Fact]
    public void An_account_that_could_not_be_read_is_an_Unknown_finding_that_validates()
    {
        var json = Render(ReportFixtures.WithUnreadableAccounts());

        Assert.Empty(SchemaErrors(json));
        var findings = Findings(json).ToList();
        Assert.Equal(3, findings.Count);
        var denied = findings[1];
        Assert.Equal(0, denied.GetProperty("status_id").GetInt32());
        Assert.Equal("Unknown", denied.GetProperty("status").GetString());
        Assert.Equal("ERROR", denied.GetProperty("status_code").GetString());
        Assert.Equal(0, denied.GetProperty("compliance").GetProperty("status_id").GetInt32());
        Assert.Equal("Unknown", denied.GetProperty("compliance").GetProperty("status").GetString());
        Assert.Contains("iam:GenerateCredentialReport", denied.GetProperty("status_detail").GetString());
        var resource = denied.GetProperty("resource");
        Assert.Equal("AwsAccount", resource.GetProperty("type").GetString());
        Assert.Equal("arn:aws-us-gov:iam::444455556666:root", resource.GetProperty("uid").GetString());
        Assert.Equal("444455556666", denied.GetProperty("cloud").GetProperty("account").GetProperty("uid").GetString());
        Assert.Equal("000000000000", findings[2].GetProperty("cloud").GetProperty("account").GetProperty("uid").GetString());
        Assert.Equal(1, findings[0].GetProperty("status_id").GetInt32()); // a read account's findings stay New
    }
}
