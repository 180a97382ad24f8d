using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.SecurityHub.Model;

/// <summary>The caller may not perform the action (HTTP 403).</summary>
public sealed class AccessDeniedException : AmazonSecurityHubException
{
    public const string Code = "AccessDeniedException";

    public AccessDeniedException(string message) : base(message) { }

    public AccessDeniedException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
