using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Organizations.Model;

/// <summary>No root or OU with the given ParentId exists.</summary>
public sealed class ParentNotFoundException : AmazonOrganizationsException
{
    public const string Code = "ParentNotFoundException";

    public ParentNotFoundException(string message) : base(message) { }

    public ParentNotFoundException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
