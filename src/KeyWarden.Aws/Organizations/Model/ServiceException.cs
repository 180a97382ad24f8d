using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Organizations.Model;

/// <summary>Organizations failed internally (transient): the SDK retries 5xx answers.</summary>
public sealed class ServiceException : AmazonOrganizationsException
{
    public const string Code = "ServiceException";

    public ServiceException(string message) : base(message) { }

    public ServiceException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
