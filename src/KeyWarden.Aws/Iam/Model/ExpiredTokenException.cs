using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Model;

/// <summary>IAM error code <c>ExpiredToken</c>: the session token of temporary credentials has expired (HTTP 403); refresh the credentials.</summary>
public sealed class ExpiredTokenException : AmazonIdentityManagementServiceException
{
    public const string Code = "ExpiredToken";

    public ExpiredTokenException(string message) : base(message) { }

    public ExpiredTokenException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
