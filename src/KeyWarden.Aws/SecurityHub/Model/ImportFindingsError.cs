namespace KeyWarden.Aws.SecurityHub.Model;

/// <summary>One finding BatchImportFindings did not import: its Id and the service's error code and message.</summary>
public sealed class ImportFindingsError
{
    public string? Id { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }
}
