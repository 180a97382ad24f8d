using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Model;

/// <summary>IAM error code <c>SignatureDoesNotMatch</c>: the request signature is wrong: bad secret key, clock skew (HTTP 403).</summary>
public sealed class SignatureDoesNotMatchException : AmazonIdentityManagementServiceException
{
    public const string Code = "SignatureDoesNotMatch";

    public SignatureDoesNotMatchException(string message) : base(message) { }

    public SignatureDoesNotMatchException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
