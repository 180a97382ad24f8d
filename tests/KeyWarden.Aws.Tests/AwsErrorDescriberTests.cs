using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using KeyWarden.Aws.Iam.Model;

namespace KeyWarden.Aws.Tests;

public sealed class AwsErrorDescriberTests
{
    [Fact]
    public void Non_aws_exceptions_are_not_described()
    {
        Assert.Null(AwsErrorDescriber.Describe(new InvalidOperationException("x")));
        Assert.Null(AwsErrorDescriber.Describe(new ArgumentException("x")));
        Assert.Null(AwsErrorDescriber.Describe(new OperationCanceledException()));
        Assert.Null(AwsErrorDescriber.Describe(new FileNotFoundException("plan.json")));
        Assert.Null(AwsErrorDescriber.Describe(new IOException("disk full")));
    }

    public static TheoryData<Exception, AwsFailureKind, string> ServiceErrors => new()
    {
        { new AccessDeniedException("User: arn:aws:iam::1:user/a is not authorized to perform: iam:ListUsers", null, ErrorType.Sender, "AccessDenied", "r", HttpStatusCode.Forbidden), AwsFailureKind.AccessDenied, "AccessDenied" },
        { new NoSuchEntityException("gone", null, ErrorType.Sender, "NoSuchEntity", "r", HttpStatusCode.NotFound), AwsFailureKind.NoSuchEntity, "NoSuchEntity" },
        { new ThrottlingException("Rate exceeded", null, ErrorType.Sender, "Throttling", "r", HttpStatusCode.BadRequest), AwsFailureKind.Throttling, "Throttling" },
        { new InvalidClientTokenIdException("bad", null, ErrorType.Sender, "InvalidClientTokenId", "r", HttpStatusCode.Forbidden), AwsFailureKind.InvalidClientToken, "InvalidClientTokenId" },
        { new ExpiredTokenException("expired", null, ErrorType.Sender, "ExpiredToken", "r", HttpStatusCode.Forbidden), AwsFailureKind.ExpiredToken, "ExpiredToken" },
        { new Amazon.SecurityToken.Model.ExpiredTokenException("expired", null, ErrorType.Sender, "ExpiredTokenException", "r", HttpStatusCode.BadRequest), AwsFailureKind.ExpiredToken, "ExpiredTokenException" },
        { new SignatureDoesNotMatchException("sig", null, ErrorType.Sender, "SignatureDoesNotMatch", "r", HttpStatusCode.Forbidden), AwsFailureKind.Signature, "SignatureDoesNotMatch" },
        { new ServiceFailureException("boom", null, ErrorType.Receiver, "ServiceFailure", "r", HttpStatusCode.InternalServerError), AwsFailureKind.Service, "ServiceFailure" },
        { new LimitExceededException("quota", null, ErrorType.Sender, "LimitExceeded", "r", HttpStatusCode.Conflict), AwsFailureKind.Other, "LimitExceeded" },
        { new AmazonServiceException("bad gateway", null, ErrorType.Unknown, null, null, HttpStatusCode.BadGateway), AwsFailureKind.Service, "HTTP502" },
    };

    [Theory]
    [MemberData(nameof(ServiceErrors))]
    public void Service_errors_map_by_code(Exception exception, AwsFailureKind kind, string code)
    {
        var failure = AwsErrorDescriber.Describe(exception)!;
        Assert.Equal(kind, failure.Kind);
        Assert.Equal(code, failure.Code);
        Assert.StartsWith(code + ": ", failure.OneLineMessage);
        Assert.DoesNotContain('\n', failure.OneLineMessage);
    }

    [Fact]
    public void Multi_line_messages_become_one_line()
    {
        var failure = AwsErrorDescriber.Describe(new AccessDeniedException("line one\nline two\r\n  three", null, ErrorType.Sender, "AccessDenied", "r", HttpStatusCode.Forbidden))!;
        Assert.Equal("AccessDenied: line one line two three", failure.OneLineMessage);
    }

    [Fact]
    public void Profiles_not_found_are_named()
    {
        Assert.Equal(new AwsFailure(AwsFailureKind.ProfileNotFound, "ProfileNotFound", "profile 'x' not found in ~/.aws/config or ~/.aws/credentials"),
            AwsErrorDescriber.Describe(new AwsProfileNotFoundException("x")));
        Assert.Equal(new AwsFailure(AwsFailureKind.ProfileNotFound, "ProfileNotFound", "profile 'y' not found in ~/.aws/config or ~/.aws/credentials"),
            AwsErrorDescriber.Describe(new ProfileNotFoundException("Unable to find the \"y\" profile.")));
    }

    [Fact]
    public void Missing_credentials_are_one_clear_line()
    {
        var failure = AwsErrorDescriber.Describe(new AmazonClientException("Failed to resolve AWS credentials. The credential providers used to search for credentials returned the following errors:\n\nException 1 of 4: ..."))!;
        Assert.Equal(AwsFailureKind.Credentials, failure.Kind);
        Assert.Equal("NoCredentials", failure.Code);
        Assert.StartsWith("no AWS credentials found", failure.OneLineMessage);
        Assert.DoesNotContain('\n', failure.OneLineMessage);
    }

    [Fact]
    public void Unreachable_endpoints_are_described()
    {
        var wrapped = new AwsEndpointUnreachableException("IAM", "http://127.0.0.1:1", "connection refused", new HttpRequestException("x"));
        Assert.Equal(new AwsFailure(AwsFailureKind.Endpoint, "EndpointUnreachable", "could not reach IAM endpoint http://127.0.0.1:1: connection refused"),
            AwsErrorDescriber.Describe(wrapped));

        var raw = new HttpRequestException("Name or service not known", new SocketException((int)SocketError.HostNotFound));
        Assert.Equal(new AwsFailure(AwsFailureKind.Endpoint, "EndpointUnreachable", "could not reach the AWS endpoint: host not found (DNS lookup failed)"),
            AwsErrorDescriber.Describe(raw));
    }

    [Fact]
    public void Invalid_endpoint_configuration_is_an_endpoint_failure()
    {
        var failure = AwsErrorDescriber.Describe(new AwsConfigurationException("invalid endpoint URL 'x': expected http://HOST[:PORT] or https://HOST[:PORT]"))!;
        Assert.Equal((AwsFailureKind.Endpoint, "InvalidEndpoint"), (failure.Kind, failure.Code));
    }

    [Fact]
    public void Single_inner_exception_of_an_aggregate_is_described()
    {
        var failure = AwsErrorDescriber.Describe(new AggregateException(new AwsProfileNotFoundException("z")))!;
        Assert.Equal(AwsFailureKind.ProfileNotFound, failure.Kind);
    }
}
