using KeyWarden.Aws.Iam.Model;

namespace KeyWarden.Aws.Tests.Iam;

/// <summary>Request → exact form parameters on the wire.</summary>
public sealed class IamClientMarshallingTests
{
    private const string Empty = "<{0}Response><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></{0}Response>";

    private static async Task<RecordedRequest> Send(string operation, Func<KeyWarden.Aws.Iam.IamClient, Task> call)
    {
        using var server = new StubAwsServer().Respond(200, string.Format(Empty, operation));
        using var client = server.CreateIamClient();
        await call(client);
        return Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ListUsers_sends_action_version_and_paging_parameters()
    {
        var request = await Send("ListUsers", c => c.ListUsersAsync(new ListUsersRequest { PathPrefix = "/ops/", Marker = "m+1/=", MaxItems = 50 }));

        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType);
        Assert.Contains("/us-east-1/iam/aws4_request", request.Authorization);
        Assert.Equal(new Dictionary<string, string>
        {
            ["Action"] = "ListUsers", ["Version"] = "2010-05-08", ["PathPrefix"] = "/ops/", ["Marker"] = "m+1/=", ["MaxItems"] = "50",
        }, request.Form);
    }

    [Fact]
    public async Task ListUsers_omits_unset_parameters()
    {
        var request = await Send("ListUsers", c => c.ListUsersAsync(new ListUsersRequest()));
        Assert.Equal(new Dictionary<string, string> { ["Action"] = "ListUsers", ["Version"] = "2010-05-08" }, request.Form);
    }

    [Fact]
    public async Task ListAccessKeys_sends_user_marker_and_max_items()
    {
        var request = await Send("ListAccessKeys", c => c.ListAccessKeysAsync(new ListAccessKeysRequest { UserName = "alice@example.com", Marker = "abc", MaxItems = 2 }));
        Assert.Equal(new Dictionary<string, string>
        {
            ["Action"] = "ListAccessKeys", ["Version"] = "2010-05-08", ["UserName"] = "alice@example.com", ["Marker"] = "abc", ["MaxItems"] = "2",
        }, request.Form);
    }

    [Fact]
    public async Task GetAccessKeyLastUsed_sends_the_key_id()
    {
        var request = await Send("GetAccessKeyLastUsed", c => c.GetAccessKeyLastUsedAsync(new GetAccessKeyLastUsedRequest { AccessKeyId = "AKIAIOSFODNN7EXAMPLE" }));
        Assert.Equal(new Dictionary<string, string>
        {
            ["Action"] = "GetAccessKeyLastUsed", ["Version"] = "2010-05-08", ["AccessKeyId"] = "AKIAIOSFODNN7EXAMPLE",
        }, request.Form);
    }

    [Fact]
    public async Task UpdateAccessKey_always_sends_the_user_name()
    {
        var request = await Send("UpdateAccessKey", c => c.UpdateAccessKeyAsync(new UpdateAccessKeyRequest { UserName = "bob", AccessKeyId = "AKIAB", Status = AccessKeyStatus.Inactive }));
        Assert.Equal(new Dictionary<string, string>
        {
            ["Action"] = "UpdateAccessKey", ["Version"] = "2010-05-08", ["UserName"] = "bob", ["AccessKeyId"] = "AKIAB", ["Status"] = "Inactive",
        }, request.Form);
    }

    [Theory]
    [InlineData(null, "AKIAB", "Inactive")]
    [InlineData("", "AKIAB", "Inactive")]
    [InlineData("  ", "AKIAB", "Inactive")]
    [InlineData("bob", "", "Inactive")]
    [InlineData("bob", "AKIAB", "Disabled")]
    [InlineData("bob", "AKIAB", "Expired")]
    public async Task UpdateAccessKey_without_user_key_or_valid_status_throws_before_sending(string? user, string key, string status)
    {
        using var server = new StubAwsServer();
        using var client = server.CreateIamClient();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            client.UpdateAccessKeyAsync(new UpdateAccessKeyRequest { UserName = user!, AccessKeyId = key, Status = status }));
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("GenerateCredentialReport")]
    [InlineData("GetCredentialReport")]
    [InlineData("GetAccountSummary")]
    public async Task Operations_without_input_send_only_action_and_version(string operation)
    {
        var request = await Send(operation, c => operation switch
        {
            "GenerateCredentialReport" => c.GenerateCredentialReportAsync(new()),
            "GetCredentialReport" => c.GetCredentialReportAsync(new()),
            _ => c.GetAccountSummaryAsync(new()),
        });
        Assert.Equal(new Dictionary<string, string> { ["Action"] = operation, ["Version"] = "2010-05-08" }, request.Form);
    }
}
