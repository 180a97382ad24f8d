using System.Text.Json;
using KeyWarden.Audit;
using KeyWarden.Audit.Rules.MultipleActiveKeys;
using KeyWarden.Inventory;

namespace KeyWarden.Reports;

/// <summary>
/// OCSF 1.1.0 Compliance Finding (class_uid 2003) JSON array, one object per finding. A CIS control check is a
/// compliance finding, and 2003 is the class that defines the top-level <c>compliance</c> object (Detection Finding,
/// 2004, does not; Prowler puts its CIS ids in <c>unmapped</c> there). Otherwise Prowler's mapping
/// (prowler/lib/outputs/ocsf/ocsf.py): status_code carries the check outcome, status_id the triage state
/// (Suppressed for MUTED), severity the rule's severity, <c>resource</c> the IAM user, unmapped.compliance
/// Prowler's per-benchmark map. What the class does not define (risk_details, finding_info.name) is kept under
/// <c>unmapped</c>. Field by field in docs/reports.md; validated against the official schema by the tests.
/// </summary>
public sealed class OcsfReportWriter(ToolInfo tool, string? region = null) : IReportWriter
{
    public const string OcsfVersion = "1.1.0";
    public const int ClassUid = 2003;
    public const string ClassName = "Compliance Finding";
    public const int CategoryUid = 2;
    public const int ActivityCreate = 1;
    public const string FindingType = AsffReportWriter.CisType; // the same finding type taxonomy as Security Hub

    public string Format => "ocsf";

    public string FileExtension => "ocsf.json";

    public void Write(AuditReport report, TextWriter output)
    {
        var sources = new FindingSources(report);
        var rules = report.Rules.Metadata.ToDictionary(r => r.Id, RuleParts.For);
        // Streamed and written token by token (no JsonNode tree per finding): the bytes of the indented array as before.
        StreamingJson.WriteArray(output, AccountErrorFindings.WithAccountErrors(report), (w, finding) => Detection(w, finding, report, sources, rules[finding.RuleId]));
    }

    /// <summary>The finding's uid: stable across runs for one rule, partition, account and principal (and key, for a key-level rule).</summary>
    public static string FindingUid(Finding finding) =>
        $"keywarden-{finding.Partition ?? "aws"}-{finding.RuleId}-{finding.AccountId ?? "unknown"}-{finding.Principal}"
        + (finding.Key is { } key ? $"-{key}" : string.Empty);

    /// <summary>What every finding of a rule repeats, computed once.</summary>
    private sealed record RuleParts(RuleMetadata Rule, IReadOnlyList<string> Requirements, IReadOnlyList<string> Standards, IReadOnlyDictionary<string, IReadOnlyList<string>> Prowler, int SeverityId, string Severity)
    {
        public static RuleParts For(RuleMetadata rule)
        {
            var (id, name) = OcsfReportWriter.Severity(rule.Severity);
            return new(rule, ComplianceIds.Requirements(rule), ComplianceIds.Standards(rule), ComplianceIds.ProwlerMap(rule), id, name);
        }
    }

    private void Detection(Utf8JsonWriter w, Finding finding, AuditReport report, FindingSources sources, RuleParts parts)
    {
        var rule = parts.Rule;
        var source = sources.For(finding);
        var findingRegion = AwsRegions.For(finding.Partition, region);
        var accountError = AccountErrorFindings.Is(finding);
        // OCSF status_id enum: 0 Unknown, 1 New, 2 In Progress, 3 Suppressed, 4 Resolved, 99 Other. An account that
        // could not be read has no finding state to triage: Unknown (its compliance status is Unknown too).
        var (statusId, status) = finding.Status == FindingStatus.Muted ? (3, "Suppressed") : accountError ? (0, "Unknown") : (1, "New");
        var (complianceStatusId, complianceStatus) = finding.Status switch
        {
            FindingStatus.Pass => (1, "Pass"),
            FindingStatus.Warn => (2, "Warning"),
            FindingStatus.Fail or FindingStatus.Muted => (3, "Fail"),
            _ => (0, "Unknown"),
        };
        var time = report.AsOf.ToUnixTimeMilliseconds();
        var timeText = Timestamps.Format(report.AsOf);
        var detail = finding.MuteReason is { } mute ? $"{finding.Message}; muted: {mute}" : finding.Message;

        w.WriteStartObject();
        w.WriteString("message", finding.Message);
        w.WriteNumber("activity_id", ActivityCreate);
        w.WriteString("activity_name", "Create");
        w.WriteNumber("category_uid", CategoryUid);
        w.WriteString("category_name", "Findings");
        w.WriteNumber("class_uid", ClassUid);
        w.WriteString("class_name", ClassName);
        w.WriteNumber("type_uid", (ClassUid * 100) + ActivityCreate);
        w.WriteString("type_name", $"{ClassName}: Create");
        w.WriteNumber("time", time);
        w.WriteString("time_dt", timeText);
        w.WriteNumber("severity_id", parts.SeverityId);
        w.WriteString("severity", parts.Severity);
        w.WriteNumber("status_id", statusId);
        w.WriteString("status", status);
        w.WriteString("status_code", finding.Status.ToContractName());
        w.WriteString("status_detail", detail);

        w.WriteStartObject("finding_info");
        w.WriteString("uid", FindingUid(finding));
        w.WriteString("title", rule.Title);
        w.WriteString("desc", rule.Description);
        Strings(w, "types", [FindingType]);
        w.WriteNumber("created_time", time);
        w.WriteString("created_time_dt", timeText);
        w.WriteEndObject();

        // Compliance Finding has one subject resource (resource), not Detection Finding's resources[].
        w.WriteStartObject("resource");
        Optional(w, "uid", finding.Arn);
        w.WriteString("name", finding.Principal);
        w.WriteString("type", finding.IsRoot || accountError ? "AwsAccount" : "AwsIamUser");
        w.WriteStartObject("group");
        w.WriteString("name", "iam");
        w.WriteEndObject();
        Optional(w, "cloud_partition", finding.Partition);
        w.WriteString("region", findingRegion);
        w.WriteStartArray("labels");
        w.WriteEndArray();
        w.WriteStartObject("data");
        w.WriteString("details", finding.Message);
        w.WritePropertyName("metadata");
        Evidence(w, finding);
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject("remediation");
        w.WriteString("desc", rule.Remediation);
        Strings(w, "references", rule.References);
        w.WriteEndObject();

        w.WriteStartObject("compliance");
        w.WriteString("control", rule.Title);
        Strings(w, "requirements", parts.Requirements);
        Strings(w, "standards", parts.Standards);
        w.WriteNumber("status_id", complianceStatusId);
        w.WriteString("status", complianceStatus);
        w.WriteString("status_code", finding.Status.ToContractName());
        w.WriteEndObject();

        w.WriteStartObject("metadata");
        w.WriteString("event_code", finding.RuleId);
        w.WriteString("version", OcsfVersion);
        Strings(w, "profiles", ["cloud", "datetime"]);
        w.WriteStartObject("product");
        w.WriteString("uid", tool.Name);
        w.WriteString("name", "KeyWarden");
        w.WriteString("vendor_name", "KeyWarden");
        w.WriteString("version", tool.Version);
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject("cloud");
        w.WriteString("provider", "aws");
        w.WriteString("region", findingRegion);
        w.WriteStartObject("account");
        Optional(w, "uid", finding.AccountId ?? (accountError ? AccountErrorFindings.UnknownAccount : null));
        w.WriteNumber("type_id", 10);
        w.WriteString("type", "AWS Account");
        w.WriteEndObject();
        w.WriteEndObject();

        // What Compliance Finding 1.1.0 does not define, under the name it would have had.
        w.WriteStartObject("unmapped");
        w.WriteString("risk_details", rule.Risk);
        w.WriteStartObject("finding_info");
        w.WriteString("name", finding.Principal);
        w.WriteEndObject();
        Optional(w, "related_url", rule.References.FirstOrDefault());
        Strings(w, "categories", ["identity-access"]);
        w.WriteStartObject("compliance");
        foreach (var (standard, ids) in parts.Prowler)
        {
            Strings(w, standard, ids);
        }

        w.WriteEndObject();
        w.WriteStartObject("keywarden");
        w.WriteString("asOf", timeText);
        w.WriteString("generatedAt", Timestamps.Format(report.GeneratedAt));
        Optional(w, "sourceKind", source?.Kind.ToContractName());
        Optional(w, "dataAsOf", Timestamps.Format(source?.DataAsOf));
        Optional(w, "muteReason", finding.MuteReason);
        w.WriteStartObject("parameters");
        w.WriteNumber("maxKeyAgeDays", report.Parameters.MaxKeyAgeDays);
        w.WriteNumber("inUseDays", report.Parameters.InUseDays);
        w.WriteNumber("rotationGraceDays", report.Parameters.RotationGraceDays);
        w.WriteBoolean("treatRotationAsWarning", report.Parameters.TreatRotationAsWarning);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteEndObject();
    }

    /// <summary>The per-key evidence and the keeper decision, in the JSON contract's own field names; absent rather than null.</summary>
    private static void Evidence(Utf8JsonWriter w, Finding finding)
    {
        w.WriteStartObject();
        w.WriteBoolean("isRoot", finding.IsRoot);
        w.WriteNumber("activeKeyCount", finding.ActiveKeyCount);
        Optional(w, "classification", finding.Classification?.ToContractName());
        w.WriteStartArray("keys");
        foreach (var k in finding.Keys)
        {
            w.WriteStartObject();
            Optional(w, "id", k.Key.Id);
            if (k.Key.Slot is { } slot)
            {
                w.WriteNumber("slot", slot);
            }

            w.WriteString("status", k.Key.Status.ToString());
            Optional(w, "createdAt", Timestamps.Format(k.Key.CreatedAt));
            if (k.AgeDays is { } age)
            {
                w.WriteNumber("ageDays", age);
            }

            Optional(w, "lastUsedAt", Timestamps.Format(k.Key.LastUsedAt));
            Optional(w, "lastUsedService", k.Key.LastUsedService);
            Optional(w, "lastUsedRegion", k.Key.LastUsedRegion);
            if (k.DaysSinceLastUse is { } days)
            {
                w.WriteNumber("daysSinceLastUse", days);
            }

            w.WriteBoolean("operational", k.IsOperational);
            Optional(w, "action", KeyAction.Of(k, finding.Decision));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (finding.Decision is { } d)
        {
            w.WriteStartObject("decision");
            w.WriteString("keep", d.Keep);
            Strings(w, "deactivate", d.Deactivate);
            Strings(w, "reasons", d.Reasons);
            w.WriteBoolean("rotateKeeper", d.RotateKeeper);
            w.WriteBoolean("needsReview", d.NeedsReview);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    /// <summary>OCSF severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical; 0 Unknown.</summary>
    public static (int Id, string Name) Severity(string severity) => severity.ToLowerInvariant() switch
    {
        "informational" => (1, "Informational"),
        "low" => (2, "Low"),
        "medium" => (3, "Medium"),
        "high" => (4, "High"),
        "critical" => (5, "Critical"),
        _ => (0, "Unknown"),
    };
}
