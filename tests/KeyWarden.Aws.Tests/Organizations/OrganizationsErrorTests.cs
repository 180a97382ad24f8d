using System.Net;
using KeyWarden.Aws.Organizations;
using KeyWarden.Aws.Organizations.Model;

namespace KeyWarden.Aws.Tests.Organizations;

/// <summary>Error bodies → typed exceptions (every error the four operations model), retries, descriptions.</summary>
public sealed class OrganizationsErrorTests
{
    private static async Task<Exception> Fail(int status, string body, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var server = new StubAwsServer().Respond(status, body, headers);
        using var client = server.CreateOrganizationsClient();
        return await Assert.ThrowsAnyAsync<Exception>(() => client.ListAccountsAsync(new ListAccountsRequest()));
    }

    [Theory]
    [InlineData("AWSOrganizationsNotInUseException", 400, typeof(AWSOrganizationsNotInUseException))]
    [InlineData("AccessDeniedException", 400, typeof(AccessDeniedException))]
    [InlineData("ConcurrentModificationException", 400, typeof(ConcurrentModificationException))]
    [InlineData("InvalidInputException", 400, typeof(InvalidInputException))]
    [InlineData("ParentNotFoundException", 400, typeof(ParentNotFoundException))]
    [InlineData("ServiceException", 500, typeof(ServiceException))]
    [InlineData("TooManyRequestsException", 400, typeof(TooManyRequestsException))]
    public async Task Every_modeled_code_becomes_its_exception_with_message_code_and_status(string code, int status, Type expected)
    {
        var e = await Fail(status, $$"""{"__type":"{{code}}","Message":"it said {{code}}"}""", new Dictionary<string, string> { ["x-amzn-RequestId"] = "req-1" });

        Assert.IsType(expected, e);
        var service = Assert.IsAssignableFrom<AmazonOrganizationsException>(e);
        Assert.Equal(code, service.ErrorCode);
        Assert.Equal($"it said {code}", service.Message);
        Assert.Equal((HttpStatusCode)status, service.StatusCode);
        Assert.Equal("req-1", service.RequestId);
    }

    [Fact]
    public async Task A_namespace_qualified_type_is_read_by_its_code()
    {
        var e = await Fail(400, """{"__type":"com.amazonaws.organizations.v20161128#AccessDeniedException","message":"You don't have permissions to access this resource."}""");
        var denied = Assert.IsType<AccessDeniedException>(e);
        Assert.Equal("AccessDeniedException", denied.ErrorCode);
        Assert.Equal("You don't have permissions to access this resource.", denied.Message); // moto writes "message"
        Assert.Equal(AwsFailureKind.AccessDenied, AwsErrorDescriber.Describe(e)!.Kind);
    }

    [Fact]
    public async Task Not_in_use_is_described_with_what_to_run_instead()
    {
        var e = await Fail(400, """{"__type":"AWSOrganizationsNotInUseException","Message":"Your account is not a member of an organization."}""");
        var failure = AwsErrorDescriber.Describe(e)!;
        Assert.Equal(("AWSOrganizationsNotInUseException", AwsFailureKind.Other), (failure.Code, failure.Kind));
        Assert.StartsWith("AWSOrganizationsNotInUseException: Your account is not a member of an organization. (the credentials' account is in no organization", failure.OneLineMessage);
    }

    [Fact]
    public async Task The_error_type_header_is_read_when_the_body_has_none()
    {
        var e = await Fail(400, """{"Message":"not in use"}""", new Dictionary<string, string> { ["x-amzn-ErrorType"] = "AWSOrganizationsNotInUseException:http://internal.amazon.com/coral/com.amazonaws.organizations/" });
        Assert.IsType<AWSOrganizationsNotInUseException>(e);
    }

    [Fact]
    public async Task InvalidInput_carries_its_reason_and_throttling_its_type()
    {
        var invalid = Assert.IsType<InvalidInputException>(await Fail(400, """{"__type":"InvalidInputException","Message":"bad","Reason":"INVALID_NEXT_TOKEN"}"""));
        Assert.Equal("INVALID_NEXT_TOKEN", invalid.Reason);
        var throttled = Assert.IsType<TooManyRequestsException>(await Fail(400, """{"__type":"TooManyRequestsException","Message":"slow down","Type":"AccountRequestRate"}"""));
        Assert.Equal("AccountRequestRate", throttled.Type);
        Assert.Equal(AwsFailureKind.Throttling, AwsErrorDescriber.Describe(throttled)!.Kind);
    }

    [Fact]
    public async Task An_unknown_code_is_the_service_base_exception()
    {
        var e = await Fail(400, """{"__type":"SomethingNewException","Message":"new"}""");
        var service = Assert.IsType<AmazonOrganizationsException>(e);
        Assert.Equal("SomethingNewException", service.ErrorCode);
    }

    [Fact]
    public async Task A_body_that_is_not_json_names_the_status_and_an_excerpt()
    {
        var e = await Fail(502, "<html><body>Bad Gateway from the proxy</body></html>");
        var service = Assert.IsAssignableFrom<Amazon.Runtime.AmazonServiceException>(e);
        Assert.Equal(HttpStatusCode.BadGateway, service.StatusCode);
        var failure = AwsErrorDescriber.Describe(e)!;
        Assert.Equal(AwsFailureKind.Service, failure.Kind);
    }

    [Fact]
    public async Task TooManyRequests_is_retried_as_throttling_until_it_succeeds()
    {
        const string throttled = """{"__type":"TooManyRequestsException","Message":"AWS Organizations can't complete your request because another request is already in progress."}""";
        using var server = new StubAwsServer()
            .Respond(400, throttled).Respond(400, throttled).Respond(400, throttled)
            .Respond(200, """{"Accounts":[{"Id":"111122223333","State":"ACTIVE"}]}""");
        using var client = server.CreateOrganizationsClient(maxErrorRetry: 5);

        var response = await client.ListAccountsAsync(new ListAccountsRequest());

        Assert.Equal("111122223333", Assert.Single(response.Accounts).Id);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task AccessDenied_is_not_retried()
    {
        using var server = new StubAwsServer { Responder = _ => (400, """{"__type":"AccessDeniedException","Message":"no"}""") };
        using var client = server.CreateOrganizationsClient(maxErrorRetry: 5);

        await Assert.ThrowsAsync<AccessDeniedException>(() => client.ListAccountsAsync(new ListAccountsRequest()));
        Assert.Single(server.Requests);
    }
}
