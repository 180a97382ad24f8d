using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Organizations.Model;

/// <summary>The caller may not call this Organizations action: only the management account or a delegated administrator lists accounts.</summary>
public sealed class AccessDeniedException : AmazonOrganizationsException
{
    public const string Code = "AccessDeniedException";

    public AccessDeniedException(string message) : base(message) { }

    public AccessDeniedException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
