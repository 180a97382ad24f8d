using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Model;

public sealed class GenerateCredentialReportResponse : AmazonWebServiceResponse
{
    /// <summary><see cref="ReportState.Started"/>, <see cref="ReportState.InProgress"/> or <see cref="ReportState.Complete"/>.</summary>
    public string State { get; set; } = "";
    public string? Description { get; set; }
}
