namespace KeyWarden.Reports;

/// <summary>Which report one side of a diff is: the file as given and its instants.</summary>
public sealed record SavedReportDiffSide(string File, string GeneratedAt, string AsOf);
