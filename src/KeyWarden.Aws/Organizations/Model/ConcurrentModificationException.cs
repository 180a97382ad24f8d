using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Organizations.Model;

/// <summary>The target of the operation is being modified by another request; retry later.</summary>
public sealed class ConcurrentModificationException : AmazonOrganizationsException
{
    public const string Code = "ConcurrentModificationException";

    public ConcurrentModificationException(string message) : base(message) { }

    public ConcurrentModificationException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
