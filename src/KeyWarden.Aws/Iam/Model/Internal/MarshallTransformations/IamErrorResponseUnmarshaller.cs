using System.Net;
using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

/// <summary>Turns an IAM error response into the exception type of its code.</summary>
public static class IamErrorResponseUnmarshaller
{
    private delegate AmazonIdentityManagementServiceException Factory(string message, Exception? inner, ErrorType type, string? code, string? requestId, HttpStatusCode status);

    private static readonly Dictionary<string, Factory> Factories = new(StringComparer.Ordinal)
    {
        [NoSuchEntityException.Code] = (m, i, t, c, r, s) => new NoSuchEntityException(m, i, t, c, r, s),
        [ThrottlingException.Code] = (m, i, t, c, r, s) => new ThrottlingException(m, i, t, c, r, s),
        [LimitExceededException.Code] = (m, i, t, c, r, s) => new LimitExceededException(m, i, t, c, r, s),
        [ServiceFailureException.Code] = (m, i, t, c, r, s) => new ServiceFailureException(m, i, t, c, r, s),
        [AccessDeniedException.Code] = (m, i, t, c, r, s) => new AccessDeniedException(m, i, t, c, r, s),
        [ReportNotPresentException.Code] = (m, i, t, c, r, s) => new ReportNotPresentException(m, i, t, c, r, s),
        [ReportExpiredException.Code] = (m, i, t, c, r, s) => new ReportExpiredException(m, i, t, c, r, s),
        [ReportInProgressException.Code] = (m, i, t, c, r, s) => new ReportInProgressException(m, i, t, c, r, s),
        [InvalidClientTokenIdException.Code] = (m, i, t, c, r, s) => new InvalidClientTokenIdException(m, i, t, c, r, s),
        [ExpiredTokenException.Code] = (m, i, t, c, r, s) => new ExpiredTokenException(m, i, t, c, r, s),
        ["ExpiredTokenException"] = (m, i, t, c, r, s) => new ExpiredTokenException(m, i, t, c, r, s),
        [SignatureDoesNotMatchException.Code] = (m, i, t, c, r, s) => new SignatureDoesNotMatchException(m, i, t, c, r, s),
        [InvalidInputException.Code] = (m, i, t, c, r, s) => new InvalidInputException(m, i, t, c, r, s),
        ["ValidationError"] = (m, i, t, c, r, s) => new InvalidInputException(m, i, t, c, r, s),
    };

    public static AmazonServiceException Unmarshall(byte[] body, Exception? innerException, HttpStatusCode statusCode)
    {
        var details = IamErrorDetails.Parse(body);
        var type = details.Type switch
        {
            "Sender" => ErrorType.Sender,
            "Receiver" => ErrorType.Receiver,
            _ => ErrorType.Unknown,
        };
        var message = details.Message
            ?? (details.Code != null
                ? $"IAM returned error {details.Code} (HTTP {(int)statusCode})"
                : $"IAM returned HTTP {(int)statusCode}" + (body.Length > 0 ? ": " + IamErrorDetails.Excerpt(body) : ""));

        return details.Code != null && Factories.TryGetValue(details.Code, out var factory)
            ? factory(message, innerException, type, details.Code, details.RequestId, statusCode)
            : new AmazonIdentityManagementServiceException(message, innerException, type, details.Code, details.RequestId, statusCode);
    }
}
