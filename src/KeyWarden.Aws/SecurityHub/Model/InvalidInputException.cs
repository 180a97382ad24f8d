using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.SecurityHub.Model;

/// <summary>An invalid or out-of-range value for an input parameter (HTTP 400).</summary>
public sealed class InvalidInputException : AmazonSecurityHubException
{
    public const string Code = "InvalidInputException";

    public InvalidInputException(string message) : base(message) { }

    public InvalidInputException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
