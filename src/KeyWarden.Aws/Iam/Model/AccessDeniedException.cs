using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Model;

/// <summary>IAM error code <c>AccessDenied</c>: the caller lacks the IAM permission for the action (HTTP 403).</summary>
public sealed class AccessDeniedException : AmazonIdentityManagementServiceException
{
    public const string Code = "AccessDenied";

    public AccessDeniedException(string message) : base(message) { }

    public AccessDeniedException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
