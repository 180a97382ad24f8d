using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Model;

/// <summary>IAM error code <c>LimitExceeded</c>: a quota was hit (AWS HTTP 409, moto 400), e.g. two keys per user or report generation; not retried blindly.</summary>
public sealed class LimitExceededException : AmazonIdentityManagementServiceException
{
    public const string Code = "LimitExceeded";

    public LimitExceededException(string message) : base(message) { }

    public LimitExceededException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
