using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.SecurityHub.Model;

/// <summary>A throttling or resource limit was hit (HTTP 429): the SDK retries it as throttling, with backoff.</summary>
public sealed class LimitExceededException : AmazonSecurityHubException
{
    public const string Code = "LimitExceededException";

    public LimitExceededException(string message) : base(message) { }

    public LimitExceededException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
