namespace KeyWarden.Reports;

/// <summary>One principal's change between two reports: its status before and after (null: no finding on that side).</summary>
public sealed record SavedReportDiffEntry(string? AccountId, string Principal, string? Arn, string RuleId, string? OldStatus, string? NewStatus, string Message);
