using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Model;

/// <summary>IAM error code <c>InvalidClientTokenId</c>: the access key id is unknown: deleted, or from another partition (HTTP 403).</summary>
public sealed class InvalidClientTokenIdException : AmazonIdentityManagementServiceException
{
    public const string Code = "InvalidClientTokenId";

    public InvalidClientTokenIdException(string message) : base(message) { }

    public InvalidClientTokenIdException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
