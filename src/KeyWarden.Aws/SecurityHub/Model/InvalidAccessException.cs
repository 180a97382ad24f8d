using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.SecurityHub.Model;

/// <summary>The account is not subscribed to Security Hub in this region, or may not call this action (HTTP 401).</summary>
public sealed class InvalidAccessException : AmazonSecurityHubException
{
    public const string Code = "InvalidAccessException";

    public InvalidAccessException(string message) : base(message) { }

    public InvalidAccessException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
