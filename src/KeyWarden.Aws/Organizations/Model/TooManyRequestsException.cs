using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Organizations.Model;

/// <summary>Rate exceeded (HTTP 400): the SDK retries it as throttling, with backoff, like IAM's <c>Throttling</c>.</summary>
public sealed class TooManyRequestsException : AmazonOrganizationsException
{
    public const string Code = "TooManyRequestsException";

    public TooManyRequestsException(string message) : base(message) { }

    public TooManyRequestsException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }

    /// <summary>The model's <c>Type</c> member (e.g. the limit that was hit), when the service sends one.</summary>
    public string? Type { get; set; }
}
