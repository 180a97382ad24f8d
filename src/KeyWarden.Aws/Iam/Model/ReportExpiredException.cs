using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Model;

/// <summary>IAM error code <c>ReportExpired</c>: the latest credential report is too old (HTTP 410); generate a new one.</summary>
public sealed class ReportExpiredException : AmazonIdentityManagementServiceException
{
    public const string Code = "ReportExpired";

    public ReportExpiredException(string message) : base(message) { }

    public ReportExpiredException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
