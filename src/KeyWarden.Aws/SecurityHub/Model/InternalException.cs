using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.SecurityHub.Model;

/// <summary>Internal server error (HTTP 500): retried by the SDK like every 5xx.</summary>
public sealed class InternalException : AmazonSecurityHubException
{
    public const string Code = "InternalException";

    public InternalException(string message) : base(message) { }

    public InternalException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
