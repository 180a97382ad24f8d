using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Organizations;

/// <summary>Base of every error Organizations returns; specific codes have their own subclass in <c>KeyWarden.Aws.Organizations.Model</c>.</summary>
public class AmazonOrganizationsException : AmazonServiceException
{
    public AmazonOrganizationsException(string message) : base(message) { }

    public AmazonOrganizationsException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
