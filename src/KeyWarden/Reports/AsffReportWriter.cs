using System.Text.Json;
using KeyWarden.Audit;
using KeyWarden.Audit.Rules.MultipleActiveKeys;
using KeyWarden.Inventory;

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
        var requirements = report.Rules.Metadata.ToDictionary(r => r.Id, ComplianceIds.Requirements);
        // Streamed and written token by token (no JsonNode tree per finding): the bytes of the indented array as before.
        StreamingJson.WriteArray(output, AccountErrorFindings.WithAccountErrors(report), (w, finding) => Finding(w, finding, report, sources, requirements[finding.RuleId]));
    }

    /// <summary>
    /// Security Hub's finding Id: the same principal (and key, for a key-level rule) under the same rule keeps its Id
    /// across runs.
    /// </summary>
    public static string FindingId(Finding finding) =>
        $"keywarden/{finding.Partition ?? "aws"}/{finding.AccountId ?? "unknown"}/{finding.RuleId}/{finding.Principal}"
        + (finding.Key is { } key ? $"/{key}" : string.Empty);

    private void Finding(Utf8JsonWriter w, Finding finding, AuditReport report, FindingSources sources, IReadOnlyList<string> requirements)
    {
        var rule = report.Rules.Shown(finding.RuleId);
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

        w.WriteStartObject();
        w.WriteString("SchemaVersion", SchemaVersion);
        w.WriteString("Id", FindingId(finding));
        w.WriteString("ProductArn", $"arn:{partition}:securityhub:{findingRegion}:{account}:product/{account}/default");
        w.WriteString("ProductName", "KeyWarden");
        w.WriteString("CompanyName", "KeyWarden");
        w.WriteString("GeneratorId", $"keywarden/{finding.RuleId}");
        w.WriteString("AwsAccountId", account);
        w.WriteString("Region", findingRegion);
        w.WriteStartArray("Types");
        w.WriteStringValue(CisType);
        w.WriteEndArray();
        w.WriteString("CreatedAt", generatedAt);
        w.WriteString("UpdatedAt", generatedAt);
        w.WriteString("LastObservedAt", Timestamps.Format(report.AsOf));
        w.WriteStartObject("Severity");
        w.WriteString("Label", label);
        w.WriteString("Original", rule.Severity);
        w.WriteEndObject();
        // A finding provider sets severity and types through FindingProviderFields: BatchImportFindings ignores a
        // provider's top-level Severity/Types once the finding exists (they are the customer's, BatchUpdateFindings').
        w.WriteStartObject("FindingProviderFields");
        w.WriteStartObject("Severity");
        w.WriteString("Label", label);
        w.WriteString("Original", rule.Severity);
        w.WriteEndObject();
        w.WriteStartArray("Types");
        w.WriteStringValue(CisType);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteString("Title", FindingText.Truncate(rule.Title, MaxTitle));
        w.WriteString("Description", FindingText.Truncate(Description(finding), MaxDescription));
        w.WriteStartObject("Remediation");
        w.WriteStartObject("Recommendation");
        w.WriteString("Text", FindingText.Truncate(rule.Remediation, MaxRecommendationText));
        w.WriteString("Url", rule.References[0]);
        w.WriteEndObject();
        w.WriteEndObject();
        ProductFields(w, finding, report, source);

        // An account that could not be read (Compliance.Status NOT_AVAILABLE) is about the account, like root.
        w.WriteStartArray("Resources");
        w.WriteStartObject();
        if (finding.IsRoot || AccountErrorFindings.Is(finding))
        {
            w.WriteString("Type", "AwsAccount");
            w.WriteString("Id", $"AWS::::Account:{account}");
            w.WriteString("Partition", partition);
            w.WriteString("Region", findingRegion);
        }
        else
        {
            w.WriteString("Type", "AwsIamUser");
            w.WriteString("Id", finding.Arn ?? $"arn:{partition}:iam::{account}:user/{finding.Principal}");
            w.WriteString("Partition", partition);
            w.WriteString("Region", findingRegion);
            w.WriteStartObject("Details");
            w.WriteStartObject("AwsIamUser");
            w.WriteString("UserName", finding.Principal);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("Compliance");
        w.WriteString("Status", complianceStatus);
        w.WriteStartArray("RelatedRequirements");
        foreach (var requirement in requirements)
        {
            w.WriteStringValue(requirement);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("Workflow");
        w.WriteString("Status", workflow);
        w.WriteEndObject();
        w.WriteString("RecordState", "ACTIVE");
        if (finding.MuteReason is { } mute)
        {
            w.WriteStartObject("Note");
            w.WriteString("Text", FindingText.Truncate($"Muted by exception: {mute}", MaxNoteText));
            w.WriteString("UpdatedBy", tool.Name);
            w.WriteString("UpdatedAt", generatedAt);
            w.WriteEndObject();
        }

        w.WriteEndObject();
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
    private void ProductFields(Utf8JsonWriter w, Finding finding, AuditReport report, SourceInfo? source)
    {
        var fields = new List<(string, string?)>
        {
            ("keywarden/ToolVersion", tool.Version),
            ("keywarden/RuleId", finding.RuleId),
            ("keywarden/Status", finding.Status.ToContractName()),
            ("keywarden/Principal", finding.Principal),
            ("keywarden/ActiveKeyCount", finding.ActiveKeyCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("keywarden/Classification", finding.Classification?.ToContractName()),
            ("keywarden/Keep", finding.Decision?.Keep),
            ("keywarden/Deactivate", finding.Decision is { } d ? string.Join(' ', d.Deactivate) : null),
            ("keywarden/RotateKeeper", finding.Decision is { } r ? (r.RotateKeeper ? "true" : "false") : null),
            ("keywarden/NeedsReview", finding.Decision is { } n ? (n.NeedsReview ? "true" : "false") : null),
            ("keywarden/MuteReason", finding.MuteReason),
            ("keywarden/SourceKind", source?.Kind.ToContractName()),
            ("keywarden/DataAsOf", Timestamps.Format(source?.DataAsOf)),
            ("keywarden/AsOf", Timestamps.Format(report.AsOf)),
        };
        fields.AddRange(finding.Keys.Select((k, i) => ($"keywarden/Key{i + 1}", (string?)FindingText.Key(k, finding))));
        w.WriteStartObject("ProductFields");
        foreach (var (name, value) in fields)
        {
            if (value is not null)
            {
                w.WriteString(name, FindingText.Truncate(value, MaxProductFieldValue));
            }
        }

        w.WriteEndObject();
    }
}
