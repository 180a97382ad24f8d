using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Model;

/// <summary>IAM error code <c>Throttling</c>: rate exceeded (HTTP 400); the SDK's retry policy retries it with backoff.</summary>
public sealed class ThrottlingException : AmazonIdentityManagementServiceException
{
    public const string Code = "Throttling";

    public ThrottlingException(string message) : base(message) { }

    public ThrottlingException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
