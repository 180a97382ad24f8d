using System.Text.Json;
using KeyWarden.Audit;
using KeyWarden.Reports;

namespace KeyWarden.Tests.Reports;

public class AsffReportWriterTests
{
    private static string Render(AuditReport report, string? region = null) =>
        ReportFixtures.Render(new AsffReportWriter(TestData.Tool, region), report);

    private static List<JsonElement> Findings(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();

    [Fact]
    public void Sample_report_matches_the_expectation_file()
    {
        Expectation.Matches("sample-report.asff.json", Render(TestData.SampleReport()));
    }

    [Fact]
    public void Sample_report_is_valid_against_the_schema()
    {
        Assert.Empty(ReportFixtures.SchemaErrors("asff.schema.json", Render(TestData.SampleReport())));
    }

    [Fact]
    public void Every_status_is_valid_against_the_schema()
    {
        Assert.Empty(ReportFixtures.SchemaErrors("asff.schema.json", Render(ReportFixtures.EveryStatus())));
    }

    [Fact]
    public void Severity_and_types_are_also_set_through_FindingProviderFields_as_a_finding_provider_must()
    {
        foreach (var finding in Findings(Render(ReportFixtures.EveryStatus())))
        {
            var provider = finding.GetProperty("FindingProviderFields");
            Assert.Equal(finding.GetProperty("Severity").GetProperty("Label").GetString(), provider.GetProperty("Severity").GetProperty("Label").GetString());
            Assert.Equal(finding.GetProperty("Severity").GetProperty("Original").GetString(), provider.GetProperty("Severity").GetProperty("Original").GetString());
            Assert.Equal([AsffReportWriter.CisType], provider.GetProperty("Types").EnumerateArray().Select(t => t.GetString()));
        }
    }

    [Fact]
    public void The_schema_rejects_a_missing_required_field_and_an_overlong_description()
    {
        var json = Render(TestData.SampleReport());
        var missing = json.Replace("\"GeneratorId\":", "\"GeneratorIdX\":", StringComparison.Ordinal);
        Assert.NotEmpty(ReportFixtures.SchemaErrors("asff.schema.json", missing));

        var array = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsArray();
        array[0]!["Description"] = new string('x', 1025);
        Assert.NotEmpty(ReportFixtures.SchemaErrors("asff.schema.json", array.ToJsonString()));
    }

    [Fact]
    public void Id_is_stable_across_runs_and_differs_between_users()
    {
        var first = Findings(Render(TestData.SampleReport())).Select(f => f.GetProperty("Id").GetString()).ToList();
        var later = TestData.SampleReport();
        later = new AuditReport(later.GeneratedAt.AddDays(3), later.AsOf.AddDays(3), later.Parameters, later.Sources, later.Findings);
        var second = Findings(Render(later)).Select(f => f.GetProperty("Id").GetString()).ToList();

        Assert.Equal(first, second);
        Assert.Equal(first.Count, first.Distinct().Count());
        Assert.Contains("keywarden/aws/111122223333/iam-single-active-access-key/bob", first);
    }

    [Fact]
    public void Status_maps_to_compliance_workflow_and_severity()
    {
        var findings = Findings(Render(ReportFixtures.EveryStatus()))
            .ToDictionary(f => f.GetProperty("ProductFields").GetProperty("keywarden/Principal").GetString()!);

        (string Compliance, string Workflow, string Label) Of(string principal) => (
            findings[principal].GetProperty("Compliance").GetProperty("Status").GetString()!,
            findings[principal].GetProperty("Workflow").GetProperty("Status").GetString()!,
            findings[principal].GetProperty("Severity").GetProperty("Label").GetString()!);

        Assert.Equal(("PASSED", "RESOLVED", "INFORMATIONAL"), Of("alice"));
        Assert.Equal(("FAILED", "NEW", "MEDIUM"), Of(ReportFixtures.ScriptName));
        Assert.Equal(("WARNING", "NEW", "MEDIUM"), Of("rotating"));
        Assert.Equal(("NOT_AVAILABLE", "NEW", "MEDIUM"), Of("broken"));
        Assert.Equal(("FAILED", "SUPPRESSED", "MEDIUM"), Of("svc-legacy"));
        Assert.Contains("TICKET-42", findings["svc-legacy"].GetProperty("Note").GetProperty("Text").GetString());
    }

    [Fact]
    public void Cis_ids_are_related_requirements_and_the_resource_is_the_user_arn()
    {
        var bob = Findings(Render(TestData.SampleReport())).Single(f => f.GetProperty("Id").GetString()!.EndsWith("/bob", StringComparison.Ordinal));
        var requirements = bob.GetProperty("Compliance").GetProperty("RelatedRequirements").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("CIS AWS Foundations Benchmark v1.4.0/1.13", requirements);
        Assert.Contains("CIS AWS Foundations Benchmark v5.0.0/1.12", requirements);
        Assert.Contains("CIS AWS Foundations Benchmark v6.0.0/2.12", requirements);
        var resource = bob.GetProperty("Resources")[0];
        Assert.Equal("AwsIamUser", resource.GetProperty("Type").GetString());
        Assert.Equal("arn:aws:iam::111122223333:user/bob", resource.GetProperty("Id").GetString());
        Assert.Equal("arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default", bob.GetProperty("ProductArn").GetString());
    }

    [Theory]
    [InlineData(null, "us-east-1")]
    [InlineData("eu-west-1", "eu-west-1")]
    [InlineData("cn-north-1", "us-east-1")] // not the account's partition: the partition default wins
    public void Region_is_the_option_when_it_fits_the_partition(string? option, string expected)
    {
        var finding = Findings(Render(TestData.SampleReport(), option))[0];
        Assert.Equal(expected, finding.GetProperty("Region").GetString());
        Assert.Equal(expected, finding.GetProperty("Resources")[0].GetProperty("Region").GetString());
        Assert.StartsWith($"arn:aws:securityhub:{expected}:", finding.GetProperty("ProductArn").GetString());
    }

    [Fact]
    public void Long_free_text_is_cut_to_security_hub_limits()
    {
        var report = TestData.SampleReport();
        var longReason = string.Concat(Enumerable.Repeat("accepted because of a very long story ", 80));
        var muted = report.Findings.Select(f => f.Principal == "bob" ? f with { Status = FindingStatus.Muted, MuteReason = longReason } : f).ToList();
        var json = Render(new AuditReport(report.GeneratedAt, report.AsOf, report.Parameters, report.Sources, muted));

        Assert.Empty(ReportFixtures.SchemaErrors("asff.schema.json", json));
        var bob = Findings(json).Single(f => f.GetProperty("Id").GetString()!.EndsWith("/bob", StringComparison.Ordinal));
        Assert.Equal(1024, bob.GetProperty("Description").GetString()!.Length);
        Assert.Equal(512, bob.GetProperty("Note").GetProperty("Text").GetString()!.Length);
        Assert.EndsWith("…", bob.GetProperty("Description").GetString());
    }

    [Fact]
    public void An_account_that_could_not_be_read_is_NOT_AVAILABLE_and_validates()
    {
        var json = Render(ReportFixtures.WithUnreadableAccounts());

        Assert.Empty(ReportFixtures.SchemaErrors("asff.schema.json", json));
        var findings = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Equal(3, findings.Count);
        var denied = findings[1];
        Assert.Equal("NOT_AVAILABLE", denied.GetProperty("Compliance").GetProperty("Status").GetString());
        Assert.Equal("444455556666", denied.GetProperty("AwsAccountId").GetString());
        Assert.Equal("AwsAccount", denied.GetProperty("Resources")[0].GetProperty("Type").GetString());
        Assert.Equal("AWS::::Account:444455556666", denied.GetProperty("Resources")[0].GetProperty("Id").GetString());
        Assert.Contains("iam:GenerateCredentialReport", denied.GetProperty("Description").GetString());
        Assert.Equal("keywarden/aws-us-gov/444455556666/iam-single-active-access-key/(account could not be read)", denied.GetProperty("Id").GetString());
        Assert.Equal("NOT_AVAILABLE", findings[2].GetProperty("Compliance").GetProperty("Status").GetString());
        Assert.Equal("PASSED", findings[0].GetProperty("Compliance").GetProperty("Status").GetString());
    }
}
