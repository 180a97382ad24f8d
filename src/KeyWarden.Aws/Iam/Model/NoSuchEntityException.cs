using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Model;

/// <summary>IAM error code <c>NoSuchEntity</c>: the user or key does not exist (HTTP 404), e.g. deleted since it was listed.</summary>
public sealed class NoSuchEntityException : AmazonIdentityManagementServiceException
{
    public const string Code = "NoSuchEntity";

    public NoSuchEntityException(string message) : base(message) { }

    public NoSuchEntityException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
