using System.Text.Json.Nodes;
using KeyWarden.Audit;
using KeyWarden.Audit.Rules.MultipleActiveKeys;
using KeyWarden.Inventory;
using static KeyWarden.Reports.JsonFields;

namespace KeyWarden.Reports;

/// <summary>
/// OCSF Detection Finding (class_uid 2004) JSON array, one object per finding, following Prowler's mapping
/// (prowler/lib/outputs/ocsf/ocsf.py): status_code carries the check outcome, status_id the triage state
/// (Suppressed for MUTED), severity the rule's severity, resources[0] the IAM user, unmapped.compliance the
/// CIS ids. Field by field in docs/reports.md.
/// </summary>
public sealed class OcsfReportWriter(ToolInfo tool, string? region = null) : IReportWriter
{
    public const string OcsfVersion = "1.1.0";
    public const int ClassUid = 2004;
    public const int CategoryUid = 2;
    public const int ActivityCreate = 1;
    public const string FindingType = AsffReportWriter.CisType; // the same finding type taxonomy as Security Hub

    public string Format => "ocsf";

    public string FileExtension => "ocsf.json";

    public void Write(AuditReport report, TextWriter output)
    {
        var sources = new FindingSources(report);
        // Streamed: one finding's object at a time, never the whole array.
        JsonFields.WriteArray(AccountErrorFindings.WithAccountErrors(report).Select(f => Detection(f, report, sources)), output);
    }

    /// <summary>The finding's uid: stable across runs for one rule, partition, account and principal.</summary>
    public static string FindingUid(Finding finding) =>
        $"keywarden-{finding.Partition ?? "aws"}-{finding.RuleId}-{finding.AccountId ?? "unknown"}-{finding.Principal}";

    private JsonObject Detection(Finding finding, AuditReport report, FindingSources sources)
    {
        var rule = MultipleActiveKeysRule.Metadata;
        var source = sources.For(finding);
        var findingRegion = AwsRegions.For(finding.Partition, region);
        var (severityId, severity) = Severity(rule.Severity);
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
        var detail = finding.MuteReason is { } mute ? $"{finding.Message}; muted: {mute}" : finding.Message;

        return Object(
            ("message", finding.Message),
            ("activity_id", ActivityCreate),
            ("activity_name", "Create"),
            ("category_uid", CategoryUid),
            ("category_name", "Findings"),
            ("class_uid", ClassUid),
            ("class_name", "Detection Finding"),
            ("type_uid", (ClassUid * 100) + ActivityCreate),
            ("type_name", "Detection Finding: Create"),
            ("time", time),
            ("time_dt", Timestamps.Format(report.AsOf)),
            ("severity_id", severityId),
            ("severity", severity),
            ("status_id", statusId),
            ("status", status),
            ("status_code", finding.Status.ToContractName()),
            ("status_detail", detail),
            ("risk_details", rule.Risk),
            ("finding_info", Object(
                ("uid", FindingUid(finding)),
                ("title", rule.Title),
                ("desc", rule.Description),
                ("name", finding.Principal),
                ("types", Strings([FindingType])),
                ("created_time", time),
                ("created_time_dt", Timestamps.Format(report.AsOf)))),
            ("resources", Array([Object(
                ("uid", Value(finding.Arn)),
                ("name", finding.Principal),
                ("type", finding.IsRoot || accountError ? "AwsAccount" : "AwsIamUser"),
                ("group", Object(("name", "iam"))),
                ("cloud_partition", Value(finding.Partition)),
                ("region", findingRegion),
                ("labels", new JsonArray()),
                ("data", Object(
                    ("details", finding.Message),
                    ("metadata", Evidence(finding)))))])),
            ("remediation", Object(
                ("desc", rule.Remediation),
                ("references", Strings(rule.References)))),
            ("compliance", Object(
                ("control", rule.Title),
                ("requirements", Strings(ComplianceIds.Requirements(rule))),
                ("standards", Strings(ComplianceIds.Standards(rule))),
                ("status_id", complianceStatusId),
                ("status", complianceStatus))),
            ("metadata", Object(
                ("event_code", finding.RuleId),
                ("version", OcsfVersion),
                ("profiles", Strings(["cloud", "datetime"])),
                ("product", Object(
                    ("uid", tool.Name),
                    ("name", "KeyWarden"),
                    ("vendor_name", "KeyWarden"),
                    ("version", tool.Version))))),
            ("cloud", Object(
                ("provider", "aws"),
                ("region", findingRegion),
                ("account", Object(
                    ("uid", Value(finding.AccountId ?? (accountError ? AccountErrorFindings.UnknownAccount : null))),
                    ("type_id", 10),
                    ("type", "AWS Account"))))),
            ("unmapped", Object(
                ("related_url", Value(rule.References.FirstOrDefault())),
                ("categories", Strings(["identity-access"])),
                ("compliance", new JsonObject(ComplianceIds.ProwlerMap(rule).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Strings(p.Value))))),
                ("keywarden", Object(
                    ("asOf", Timestamps.Format(report.AsOf)),
                    ("generatedAt", Timestamps.Format(report.GeneratedAt)),
                    ("sourceKind", Value(source?.Kind.ToContractName())),
                    ("dataAsOf", Value(Timestamps.Format(source?.DataAsOf))),
                    ("muteReason", Value(finding.MuteReason)),
                    ("parameters", Object(
                        ("maxKeyAgeDays", report.Parameters.MaxKeyAgeDays),
                        ("inUseDays", report.Parameters.InUseDays),
                        ("rotationGraceDays", report.Parameters.RotationGraceDays),
                        ("treatRotationAsWarning", report.Parameters.TreatRotationAsWarning))))))));
    }

    /// <summary>The per-key evidence and the keeper decision, in the JSON contract's own field names.</summary>
    private static JsonObject Evidence(Finding finding) => Object(
        ("isRoot", finding.IsRoot),
        ("activeKeyCount", finding.ActiveKeyCount),
        ("classification", Value(finding.Classification?.ToContractName())),
        ("keys", Array(finding.Keys.Select(k => (JsonNode?)Object(
            ("id", Value(k.Key.Id)),
            ("slot", k.Key.Slot is { } slot ? JsonValue.Create(slot) : null),
            ("status", k.Key.Status.ToString()),
            ("createdAt", Value(Timestamps.Format(k.Key.CreatedAt))),
            ("ageDays", k.AgeDays is { } age ? JsonValue.Create(age) : null),
            ("lastUsedAt", Value(Timestamps.Format(k.Key.LastUsedAt))),
            ("lastUsedService", Value(k.Key.LastUsedService)),
            ("lastUsedRegion", Value(k.Key.LastUsedRegion)),
            ("daysSinceLastUse", k.DaysSinceLastUse is { } days ? JsonValue.Create(days) : null),
            ("operational", k.IsOperational),
            ("action", Value(KeyAction.Of(k, finding.Decision))))))),
        ("decision", finding.Decision is { } d
            ? Object(
                ("keep", d.Keep),
                ("deactivate", Strings(d.Deactivate)),
                ("reasons", Strings(d.Reasons)),
                ("rotateKeeper", d.RotateKeeper),
                ("needsReview", d.NeedsReview))
            : null));

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
