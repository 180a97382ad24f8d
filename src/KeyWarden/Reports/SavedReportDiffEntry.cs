namespace KeyWarden.Reports;

/// <summary>
/// One finding's change between two reports, by principal, rule and (for a key-level rule) key: its status before and
/// after (null: no finding on that side). <see cref="Key"/> is the key id, or its credential-report slot ("slot:1").
/// </summary>
public sealed record SavedReportDiffEntry(string? AccountId, string Principal, string? Arn, string RuleId, string? Key, string? OldStatus, string? NewStatus, string Message);
