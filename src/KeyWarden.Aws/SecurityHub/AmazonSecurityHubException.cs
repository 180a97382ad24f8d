using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.SecurityHub;

/// <summary>Base of every error Security Hub returns; specific codes have their own subclass in <c>KeyWarden.Aws.SecurityHub.Model</c>.</summary>
public class AmazonSecurityHubException : AmazonServiceException
{
    public AmazonSecurityHubException(string message) : base(message) { }

    public AmazonSecurityHubException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
