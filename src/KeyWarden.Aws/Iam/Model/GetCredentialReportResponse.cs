using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Model;

public sealed class GetCredentialReportResponse : AmazonWebServiceResponse
{
    /// <summary>The report (CSV) decoded from base64.</summary>
    public byte[] Content { get; set; } = [];

    /// <summary><c>text/csv</c>.</summary>
    public string ReportFormat { get; set; } = "";

    /// <summary>UTC.</summary>
    public DateTime? GeneratedTime { get; set; }
}
