using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Model;

/// <summary>IAM error code <c>ReportNotPresent</c>: no credential report exists (HTTP 410); call GenerateCredentialReport.</summary>
public sealed class ReportNotPresentException : AmazonIdentityManagementServiceException
{
    public const string Code = "ReportNotPresent";

    public ReportNotPresentException(string message) : base(message) { }

    public ReportNotPresentException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
