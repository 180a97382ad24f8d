namespace KeyWarden.Publishing;

/// <summary>What Security Hub already holds for a finding Id: when it was first imported, its compliance and record state.</summary>
public sealed record EarlierFinding(string Id, string? CreatedAt, string? ComplianceStatus, string? RecordState);
