namespace KeyWarden.Audit;

/// <summary>
/// What a rule checks, why it matters and how to fix it by hand; every report format reads it. <see cref="CisIds"/> maps a
/// benchmark version (<c>v6.0.0</c>) to the recommendation's number there, and has no entry for a version without it;
/// <see cref="CisNote"/> says what the numbers alone do not (a version that dropped the control, a changed threshold).
/// </summary>
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
    string DocPath,
    Rules.RuleScope Scope = Rules.RuleScope.Principal,
    string? CisNote = null,
    bool Remediable = false);
