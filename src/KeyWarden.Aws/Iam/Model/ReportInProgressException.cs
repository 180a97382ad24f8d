using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Model;

/// <summary>IAM error code <c>ReportInProgress</c>: the credential report is still being generated (HTTP 404); poll again.</summary>
public sealed class ReportInProgressException : AmazonIdentityManagementServiceException
{
    public const string Code = "ReportInProgress";

    public ReportInProgressException(string message) : base(message) { }

    public ReportInProgressException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
