using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Model;

/// <summary>IAM error code <c>InvalidInput</c>: a parameter was invalid (HTTP 400).</summary>
public sealed class InvalidInputException : AmazonIdentityManagementServiceException
{
    public const string Code = "InvalidInput";

    public InvalidInputException(string message) : base(message) { }

    public InvalidInputException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
