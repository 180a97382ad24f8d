namespace KeyWarden.Audit;

/// <summary>What a rule checks, why it matters and how to fix it by hand; every report format reads it.</summary>
public sealed record RuleMetadata(
    string Id,
    string Title,
    string Severity,
    string Description,
    string Risk,
    string Remediation,
    IReadOnlyList<string> RemediationSteps,
    IReadOnlyDictionary<string, string> CisIds,
    IReadOnlyList<string> References,
    string DocPath);
