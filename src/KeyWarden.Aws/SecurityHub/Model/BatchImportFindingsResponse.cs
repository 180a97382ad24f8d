using Amazon.Runtime;

namespace KeyWarden.Aws.SecurityHub.Model;

public sealed class BatchImportFindingsResponse : AmazonWebServiceResponse
{
    public int FailedCount { get; set; }

    public int SuccessCount { get; set; }

    /// <summary>The findings that were not imported, each with the service's error; the rest were.</summary>
    public List<ImportFindingsError> FailedFindings { get; set; } = [];
}
