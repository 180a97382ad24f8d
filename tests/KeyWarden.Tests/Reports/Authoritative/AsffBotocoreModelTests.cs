using System.Text.Json;
using System.Text.Json.Nodes;
using KeyWarden.Audit;
using KeyWarden.Reports;

namespace KeyWarden.Tests.Reports.Authoritative;

/// <summary>
/// The ASFF output against Security Hub's own model: botocore's securityhub service-2.json, shape AwsSecurityFinding (the
/// element of BatchImportFindings' Findings). The model is read from this machine's python3 botocore, not copied.
/// </summary>
public sealed class AsffBotocoreModelTests
{
    private static BotocoreModel Model =>
        BotocoreModel.SecurityHub.Model ?? throw new InvalidOperationException(
            $"botocore's securityhub model is needed (python3 with botocore, as moto brings): {BotocoreModel.SecurityHub.Why}");

    private static string Render(AuditReport report) => ReportFixtures.Render(new AsffReportWriter(TestData.Tool, "eu-west-1"), report);

    private static IReadOnlyList<string> Errors(string asff)
    {
        var model = Model;
        using var document = JsonDocument.Parse(asff);
        // The file is the request's Findings list: the list shape bounds it too (at most 100 a call is the importer's job).
        return document.RootElement.EnumerateArray().SelectMany((f, i) => model.Validate(f, "AwsSecurityFinding").Select(e => $"[{i}]{e[1..]}")).ToList();
    }

    public static TheoryData<string> Reports() => ["sample (single rule)", "every status", "unreadable accounts", "fleet", "every rule"];

    private static AuditReport Report(string name) => name switch
    {
        "sample (single rule)" => TestData.SampleReport(),
        "every status" => ReportFixtures.EveryStatus(),
        "unreadable accounts" => ReportFixtures.WithUnreadableAccounts(),
        "fleet" => ReportFixtures.Fleet(),
        _ => TestData.SampleReport(new AuditParameters()),
    };

    [Theory]
    [MemberData(nameof(Reports))]
    public void Every_finding_is_a_valid_AwsSecurityFinding(string report)
    {
        var asff = Render(Report(report));

        Assert.Empty(Errors(asff));
        Assert.NotEmpty(JsonDocument.Parse(asff).RootElement.EnumerateArray());
    }

    [Fact]
    public void Findings_of_every_rule_have_unique_ids()
    {
        var ids = JsonDocument.Parse(Render(TestData.SampleReport(new AuditParameters()))).RootElement.EnumerateArray()
            .Select(f => f.GetProperty("Id").GetString()).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void The_model_catches_a_missing_required_member_an_unknown_member_a_bad_enum_and_a_wrong_type()
    {
        var findings = JsonNode.Parse(Render(TestData.SampleReport()))!.AsArray();
        var finding = findings[0]!.AsObject();
        finding.Remove("GeneratorId");
        finding["NotAnAsffField"] = "x";
        finding["Compliance"]!["Status"] = "MAYBE";
        finding["Resources"] = "not a list";

        var errors = Errors(new JsonArray(finding.DeepClone()).ToJsonString());

        Assert.Contains(errors, e => e.Contains("required member GeneratorId", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("has no member NotAnAsffField", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'MAYBE' is not one of", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("[0].Resources", StringComparison.Ordinal) && e.Contains("must be an array", StringComparison.Ordinal));
    }

    [Fact]
    public void The_model_catches_a_title_over_its_documented_length()
    {
        var findings = JsonNode.Parse(Render(TestData.SampleReport()))!.AsArray();
        findings[0]!["Title"] = new string('t', 257);

        Assert.Contains(Errors(findings.ToJsonString()), e => e.StartsWith("[0].Title: 257 characters, more than the maximum", StringComparison.Ordinal));
    }
}
