using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Iam;

/// <summary>Base of every error IAM returns; specific codes have their own subclass in <c>KeyWarden.Aws.Iam.Model</c>.</summary>
public class AmazonIdentityManagementServiceException : AmazonServiceException
{
    public AmazonIdentityManagementServiceException(string message) : base(message) { }

    public AmazonIdentityManagementServiceException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
