namespace KeyWarden.Inventory;

/// <summary>The input is not a well-formed IAM credential report. Carries where and what, for a one-line error.</summary>
public sealed class CredentialReportFormatException(string source, int? line, string problem)
    : Exception(line is { } l ? $"{source}: line {l}: {problem}" : $"{source}: {problem}")
{
    public string SourceName { get; } = source;
    public int? Line { get; } = line;
    public string Problem { get; } = problem;
}
