using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Model;

/// <summary>IAM error code <c>ServiceFailure</c>: IAM failed internally (HTTP 500); transient and retried.</summary>
public sealed class ServiceFailureException : AmazonIdentityManagementServiceException
{
    public const string Code = "ServiceFailure";

    public ServiceFailureException(string message) : base(message) { }

    public ServiceFailureException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
