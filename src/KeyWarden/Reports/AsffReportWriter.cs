using System.Text.Json.Nodes;
using KeyWarden.Audit;
using KeyWarden.Audit.Rules.MultipleActiveKeys;
using KeyWarden.Inventory;
using static KeyWarden.Reports.JsonFields;

namespace KeyWarden.Reports;

/// <summary>
/// AWS Security Finding Format, a JSON array ready for Security Hub's BatchImportFindings (at most 100 per call:
/// split larger arrays). Every required field is present; <c>Id</c> is stable per partition, account, rule and
/// principal so that a re-import updates the finding instead of duplicating it. The region (which ASFF requires
/// but IAM does not have) is --region when it belongs to the account's partition, else the partition's default.
/// </summary>
public sealed class AsffReportWriter(ToolInfo tool, string? region = null) : IReportWriter
{
    public const string SchemaVersion = "2018-10-08";
    public const string CisType = "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark";
    public const int MaxTitle = 256;
    public const int MaxDescription = 1024;
    public const int MaxRecommendationText = 512;
    public const int MaxNoteText = 512;
    public const int MaxProductFieldValue = 2048;

    public string Format => "asff";

    public string FileExtension => "asff.json";

    public void Write(AuditReport report, TextWriter output)
    {
        var sources = new FindingSources(report);
        // Streamed: one finding's object at a time, never the whole array.
        JsonFields.WriteArray(AccountErrorFindings.WithAccountErrors(report).Select(f => Finding(f, report, sources)), output);
    }

    /// <summary>Security Hub's finding Id: the same principal under the same rule keeps its Id across runs.</summary>
    public static string FindingId(Finding finding) =>
        $"keywarden/{finding.Partition ?? "aws"}/{finding.AccountId ?? "unknown"}/{finding.RuleId}/{finding.Principal}";

    private JsonObject Finding(Finding finding, AuditReport report, FindingSources sources)
    {
        var rule = MultipleActiveKeysRule.Metadata;
        var partition = finding.Partition ?? "aws";
        var account = finding.AccountId ?? AccountErrorFindings.UnknownAccount;
        var findingRegion = AwsRegions.For(partition, region);
        var source = sources.For(finding);
        var generatedAt = Timestamps.Format(report.GeneratedAt);

        var (complianceStatus, workflow, label) = finding.Status switch
        {
            FindingStatus.Pass => ("PASSED", "RESOLVED", "INFORMATIONAL"),
            FindingStatus.Fail => ("FAILED", "NEW", rule.Severity.ToUpperInvariant()),
            FindingStatus.Warn => ("WARNING", "NEW", rule.Severity.ToUpperInvariant()),
            FindingStatus.Muted => ("FAILED", "SUPPRESSED", rule.Severity.ToUpperInvariant()),
            _ => ("NOT_AVAILABLE", "NEW", rule.Severity.ToUpperInvariant()),
        };

        // An account that could not be read (Compliance.Status NOT_AVAILABLE) is about the account, like root.
        var resource = finding.IsRoot || AccountErrorFindings.Is(finding)
            ? Object(
                ("Type", "AwsAccount"),
                ("Id", $"AWS::::Account:{account}"),
                ("Partition", partition),
                ("Region", findingRegion))
            : Object(
                ("Type", "AwsIamUser"),
                ("Id", finding.Arn ?? $"arn:{partition}:iam::{account}:user/{finding.Principal}"),
                ("Partition", partition),
                ("Region", findingRegion),
                ("Details", Object(("AwsIamUser", Object(("UserName", finding.Principal))))));

        return Object(
            ("SchemaVersion", SchemaVersion),
            ("Id", FindingId(finding)),
            ("ProductArn", $"arn:{partition}:securityhub:{findingRegion}:{account}:product/{account}/default"),
            ("ProductName", "KeyWarden"),
            ("CompanyName", "KeyWarden"),
            ("GeneratorId", $"keywarden/{finding.RuleId}"),
            ("AwsAccountId", account),
            ("Region", findingRegion),
            ("Types", Strings([CisType])),
            ("CreatedAt", generatedAt),
            ("UpdatedAt", generatedAt),
            ("LastObservedAt", Timestamps.Format(report.AsOf)),
            ("Severity", Object(("Label", label), ("Original", rule.Severity))),
            ("Title", FindingText.Truncate(rule.Title, MaxTitle)),
            ("Description", FindingText.Truncate(Description(finding), MaxDescription)),
            ("Remediation", Object(("Recommendation", Object(
                ("Text", FindingText.Truncate(rule.Remediation, MaxRecommendationText)),
                ("Url", rule.References[0]))))),
            ("ProductFields", ProductFields(finding, report, source)),
            ("Resources", Array([resource])),
            ("Compliance", Object(
                ("Status", complianceStatus),
                ("RelatedRequirements", Strings(ComplianceIds.Requirements(rule))))),
            ("Workflow", Object(("Status", workflow))),
            ("RecordState", "ACTIVE"),
            ("Note", finding.MuteReason is { } mute
                ? Object(("Text", FindingText.Truncate($"Muted by exception: {mute}", MaxNoteText)), ("UpdatedBy", tool.Name), ("UpdatedAt", generatedAt))
                : null));
    }

    private static string Description(Finding finding)
    {
        var parts = new List<string> { $"{finding.Principal}: {finding.Message}." };
        if (finding.MuteReason is { } mute)
        {
            parts.Add($"Muted by exception: {mute}.");
        }

        if (finding.Decision is { } decision)
        {
            parts.AddRange(decision.Reasons);
        }

        return string.Join(' ', parts);
    }

    /// <summary>ProductFields: string values only, at most 50 pairs; the evidence a Security Hub user needs without the JSON report.</summary>
    private JsonObject ProductFields(Finding finding, AuditReport report, SourceInfo? source)
    {
        var fields = new List<(string, JsonNode?)>
        {
            ("keywarden/ToolVersion", tool.Version),
            ("keywarden/RuleId", finding.RuleId),
            ("keywarden/Status", finding.Status.ToContractName()),
            ("keywarden/Principal", finding.Principal),
            ("keywarden/ActiveKeyCount", finding.ActiveKeyCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("keywarden/Classification", Value(finding.Classification?.ToContractName())),
            ("keywarden/Keep", Value(finding.Decision?.Keep)),
            ("keywarden/Deactivate", finding.Decision is { } d ? string.Join(' ', d.Deactivate) : null),
            ("keywarden/RotateKeeper", finding.Decision is { } r ? (r.RotateKeeper ? "true" : "false") : null),
            ("keywarden/NeedsReview", finding.Decision is { } n ? (n.NeedsReview ? "true" : "false") : null),
            ("keywarden/MuteReason", Value(finding.MuteReason)),
            ("keywarden/SourceKind", Value(source?.Kind.ToContractName())),
            ("keywarden/DataAsOf", Value(Timestamps.Format(source?.DataAsOf))),
            ("keywarden/AsOf", Timestamps.Format(report.AsOf)),
        };
        fields.AddRange(finding.Keys.Select((k, i) => ($"keywarden/Key{i + 1}", (JsonNode?)FindingText.Key(k, finding))));
        return Object([.. fields.Select(f => (f.Item1, f.Item2 is null ? null : (JsonNode?)FindingText.Truncate(f.Item2.GetValue<string>(), MaxProductFieldValue)))]);
    }
}
