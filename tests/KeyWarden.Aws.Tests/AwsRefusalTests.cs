using System.Net;
using System.Net.Http;
using Amazon.Runtime;
using KeyWarden.Aws.Iam.Model;

namespace KeyWarden.Aws.Tests;

public sealed class AwsRefusalTests
{
    public static TheoryData<string, Exception> Refusals => new()
    {
        { "AccessDenied", new AccessDeniedException("not authorized to perform: iam:UpdateAccessKey", null, ErrorType.Sender, "AccessDenied", "r", HttpStatusCode.Forbidden) },
        { "NoSuchEntity", new NoSuchEntityException("gone", null, ErrorType.Sender, "NoSuchEntity", "r", HttpStatusCode.NotFound) },
        { "InvalidInput", new InvalidInputException("bad status", null, ErrorType.Sender, "InvalidInput", "r", HttpStatusCode.BadRequest) },
        { "ValidationError", new AmazonServiceException("1 validation error", null, ErrorType.Sender, "ValidationError", "r", HttpStatusCode.BadRequest) },
        { "LimitExceeded", new LimitExceededException("quota", null, ErrorType.Sender, "LimitExceeded", "r", HttpStatusCode.Conflict) },
        { "InvalidClientTokenId", new InvalidClientTokenIdException("bad", null, ErrorType.Sender, "InvalidClientTokenId", "r", HttpStatusCode.Forbidden) },
        { "ExpiredToken", new ExpiredTokenException("expired", null, ErrorType.Sender, "ExpiredToken", "r", HttpStatusCode.Forbidden) },
        { "SignatureDoesNotMatch", new SignatureDoesNotMatchException("sig", null, ErrorType.Sender, "SignatureDoesNotMatch", "r", HttpStatusCode.Forbidden) },
    };

    public static TheoryData<string, Exception> NoAnswers => new()
    {
        { "Throttling", new ThrottlingException("Rate exceeded", null, ErrorType.Sender, "Throttling", "r", HttpStatusCode.BadRequest) },
        { "ServiceFailure", new ServiceFailureException("boom", null, ErrorType.Receiver, "ServiceFailure", "r", HttpStatusCode.InternalServerError) },
        { "HTTP 503 without a code", new AmazonServiceException("unavailable", null, ErrorType.Unknown, null, null, HttpStatusCode.ServiceUnavailable) },
        { "an unknown 4xx code", new AmazonServiceException("?", null, ErrorType.Sender, "SomethingNew", "r", HttpStatusCode.BadRequest) },
        { "unreachable (reset)", new AwsEndpointUnreachableException("IAM", "https://iam.amazonaws.com", "connection reset", new HttpRequestException("reset")) },
        { "an unreadable answer", new AmazonUnmarshallingException("r", "lastKnownLocation", new InvalidOperationException("bad XML"), HttpStatusCode.OK) },
        { "HttpClient timeout", new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout") },
        { "raw HTTP failure", new HttpRequestException("An error occurred while sending the request.") },
        { "raw I/O failure", new IOException("Unable to read data from the transport connection") },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Definitive_refusals(string name, Exception exception) =>
        Assert.True(AwsRefusal.IsDefinitive(exception), name);

    [Theory]
    [MemberData(nameof(NoAnswers))]
    public void Anything_else_may_have_taken_effect(string name, Exception exception) =>
        Assert.False(AwsRefusal.IsDefinitive(exception), name);

    [Fact]
    public void Permission_refusals_are_the_ones_that_would_repeat_for_every_principal()
    {
        Assert.True(AwsRefusal.IsPermissionRefusal(new AccessDeniedException("x", null, ErrorType.Sender, "AccessDenied", "r", HttpStatusCode.Forbidden)));
        Assert.True(AwsRefusal.IsPermissionRefusal(new ExpiredTokenException("x", null, ErrorType.Sender, "ExpiredToken", "r", HttpStatusCode.Forbidden)));
        Assert.False(AwsRefusal.IsPermissionRefusal(new NoSuchEntityException("x", null, ErrorType.Sender, "NoSuchEntity", "r", HttpStatusCode.NotFound)));
        Assert.False(AwsRefusal.IsPermissionRefusal(new InvalidInputException("x", null, ErrorType.Sender, "InvalidInput", "r", HttpStatusCode.BadRequest)));
        Assert.False(AwsRefusal.IsPermissionRefusal(new IOException("x")));
    }
}
