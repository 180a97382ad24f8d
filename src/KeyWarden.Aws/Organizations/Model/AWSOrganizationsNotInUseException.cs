using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Organizations.Model;

/// <summary>The account is not a member of an organization (moto instead answers ListAccounts with an empty list).</summary>
public sealed class AWSOrganizationsNotInUseException : AmazonOrganizationsException
{
    public const string Code = "AWSOrganizationsNotInUseException";

    public AWSOrganizationsNotInUseException(string message) : base(message) { }

    public AWSOrganizationsNotInUseException(string message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
