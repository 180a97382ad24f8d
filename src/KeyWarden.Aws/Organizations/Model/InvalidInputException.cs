using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Organizations.Model;

/// <summary>A parameter was invalid (e.g. MaxResults above 20, a malformed ParentId).</summary>
public sealed class InvalidInputException : AmazonOrganizationsException
{
    public const string Code = "InvalidInputException";

    public InvalidInputException(string message) : base(message) { }

    public InvalidInputException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }

    /// <summary>The model's <c>Reason</c> member (e.g. INVALID_NEXT_TOKEN, MAX_LIMIT_EXCEEDED_FILTER), when sent.</summary>
    public string? Reason { get; set; }
}
