using System.Text.Json;
using System.Text.Json.Nodes;
using KeyWarden.Audit;
using KeyWarden.Reports;

namespace KeyWarden.Tests.Reports.Authoritative;

/// <summary>
/// The OCSF output against OCSF 1.1.0's own Compliance Finding class, resolved from the official ocsf-schema repository
/// (Schemas/ocsf-1.1.0-compliance_finding.json, made by scripts/ocsf-extract.py at the tag and commit it records).
/// </summary>
public sealed class OcsfSchemaTests
{
    private static OcsfSchema Schema => OcsfSchema.ComplianceFinding;

    private static string Render(AuditReport report) => ReportFixtures.Render(new OcsfReportWriter(TestData.Tool, "eu-west-1"), report);

    private static IReadOnlyList<string> Errors(string ocsf)
    {
        using var document = JsonDocument.Parse(ocsf);
        return document.RootElement.EnumerateArray().SelectMany((f, i) => Schema.Validate(f).Select(e => $"[{i}]{e[1..]}")).ToList();
    }

    /// <summary>The sample's first finding, broken by <paramref name="breakIt"/>, and what the schema says of it.</summary>
    private static IReadOnlyList<string> ErrorsAfter(Action<JsonObject> breakIt)
    {
        var finding = JsonNode.Parse(Render(ReportFixtures.EveryStatus()))!.AsArray()[0]!.AsObject();
        breakIt(finding);
        return Errors(new JsonArray(finding.DeepClone()).ToJsonString());
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

    [Fact]
    public void The_extract_is_OCSF_1_1_0_Compliance_Finding_from_the_official_repository_as_the_writer_declares()
    {
        Assert.Equal("https://github.com/ocsf/ocsf-schema", Schema.Repository);
        Assert.Equal("v1.1.0", Schema.Ref);
        Assert.Matches("^[0-9a-f]{40}$", Schema.Commit);
        Assert.Equal(OcsfReportWriter.OcsfVersion, Schema.Version);
        Assert.Equal(OcsfReportWriter.ClassUid, Schema.ClassUid);
        Assert.Equal("compliance_finding", Schema.ClassName);
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void Every_finding_is_a_valid_Compliance_Finding(string report)
    {
        var ocsf = Render(Report(report));

        Assert.Empty(Errors(ocsf));
        Assert.NotEmpty(JsonDocument.Parse(ocsf).RootElement.EnumerateArray());
    }

    [Fact]
    public void The_fixtures_cover_every_status_an_unreadable_account_a_muted_finding_and_a_key_level_rule()
    {
        var statuses = ReportFixtures.EveryStatus().Findings.Select(f => f.Status).ToHashSet();
        Assert.Equal(Enum.GetValues<FindingStatus>().ToHashSet(), statuses);
        Assert.Contains(JsonDocument.Parse(Render(ReportFixtures.WithUnreadableAccounts())).RootElement.EnumerateArray(), f => f.GetProperty("status").GetString() == "Unknown");
        Assert.Contains(TestData.SampleReport(new AuditParameters()).Findings, f => f.Key is not null);
    }

    [Fact]
    public void The_schema_catches_an_attribute_the_class_or_an_object_does_not_define()
    {
        var errors = ErrorsAfter(f =>
        {
            f["risk_details"] = "defined by later OCSF versions, not by 1.1.0";
            f["finding_info"]!["name"] = "not a finding_info attribute in 1.1.0";
        });

        Assert.Contains("[0]: compliance_finding has no attribute risk_details (put what OCSF does not define in unmapped)", errors);
        Assert.Contains(errors, e => e.StartsWith("[0].finding_info: finding_info has no attribute name", StringComparison.Ordinal));
    }

    [Fact]
    public void The_schema_catches_a_missing_required_attribute_of_the_class_and_of_an_object()
    {
        var errors = ErrorsAfter(f =>
        {
            f.Remove("compliance");
            f["finding_info"]!.AsObject().Remove("uid");
            f["metadata"]!.AsObject().Remove("product");
        });

        Assert.Contains("[0]: required attribute compliance of compliance_finding is missing", errors);
        Assert.Contains("[0].finding_info: required attribute uid of finding_info is missing", errors);
        Assert.Contains("[0].metadata: required attribute product of metadata is missing", errors);
    }

    [Fact]
    public void The_schema_catches_wrong_types_and_the_Detection_Finding_resources_array()
    {
        var errors = ErrorsAfter(f =>
        {
            f["time"] = "2026-11-28T09:00:00Z";
            f["compliance"]!["standards"] = "CIS AWS Foundations Benchmark v6.0.0";
            f["resource"] = new JsonArray(f["resource"]!.DeepClone());
            f["time_dt"] = "yesterday";
        });

        Assert.Contains(errors, e => e.StartsWith("[0].time: must be a timestamp_t (long_t)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("[0].compliance.standards: standards is an array of string_t", StringComparison.Ordinal));
        Assert.Contains("[0].resource: must be a resource_details object, is Array", errors);
        Assert.Contains(errors, e => e.StartsWith("[0].time_dt: 'yesterday' is not a datetime_t", StringComparison.Ordinal));
        Assert.Contains("[0]: compliance_finding has no attribute resources (put what OCSF does not define in unmapped)",
            ErrorsAfter(f => f["resources"] = new JsonArray(f["resource"]!.DeepClone())));
    }

    [Fact]
    public void The_schema_catches_values_outside_an_enum_and_a_caption_that_disagrees_with_its_id()
    {
        var errors = ErrorsAfter(f =>
        {
            f["severity_id"] = 7;
            f["compliance"]!["status_id"] = 4;
            f["status_id"] = 3;
            f["class_uid"] = 2004;
        });

        Assert.Contains(errors, e => e.StartsWith("[0].severity_id: 7 is not one of its values (0 Unknown, 1 Informational", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("[0].compliance.status_id: 4 is not one of its values (0 Unknown, 1 Pass, 2 Warning, 3 Fail, 99 Other)", StringComparison.Ordinal));
        Assert.Contains("[0].status_id: status_id 3 is 'Suppressed', but status says 'New'", errors);
        Assert.Contains("[0].class_uid: 2004 is not one of its values (2003 Compliance Finding)", errors);
        Assert.Contains("[0].type_uid: type_uid 200301 is 'Compliance Finding: Create', but type_name says 'Detection Finding: Create'",
            ErrorsAfter(f => f["type_name"] = "Detection Finding: Create"));
    }

    [Fact]
    public void A_profile_attribute_needs_its_profile_declared_and_then_is_required()
    {
        Assert.Contains("[0].cloud: belongs to the cloud profile, which metadata.profiles does not declare",
            ErrorsAfter(f => f["metadata"]!["profiles"] = new JsonArray("datetime")));
        Assert.Contains("[0]: required attribute cloud of compliance_finding is missing", ErrorsAfter(f => f.Remove("cloud")));
    }

    [Fact]
    public void Anything_goes_inside_unmapped_and_nowhere_else()
    {
        Assert.Empty(ErrorsAfter(f => f["unmapped"]!["anything"] = new JsonObject { ["nested"] = new JsonArray(1, "two", null) }));
        Assert.NotEmpty(ErrorsAfter(f => f["unmapped"] = "a string"));
    }
}
