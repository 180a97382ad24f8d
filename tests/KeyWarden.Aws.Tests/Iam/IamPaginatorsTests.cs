using KeyWarden.Aws.Iam;

namespace KeyWarden.Aws.Tests.Iam;

public sealed class IamPaginatorsTests
{
    private static string UsersPage(bool truncated, string? marker, params string[] names) =>
        "<ListUsersResponse><ListUsersResult><Users>"
        + string.Concat(names.Select(n => $"<member><UserName>{n}</UserName><UserId>id-{n}</UserId><Arn>arn:aws:iam::1:user/{n}</Arn><Path>/</Path><CreateDate>2020-01-01T00:00:00Z</CreateDate></member>"))
        + $"</Users><IsTruncated>{(truncated ? "true" : "false")}</IsTruncated>"
        + (marker != null ? $"<Marker>{marker}</Marker>" : "")
        + "</ListUsersResult></ListUsersResponse>";

    [Fact]
    public async Task ListAllUsers_follows_markers_through_short_and_empty_truncated_pages()
    {
        using var server = new StubAwsServer()
            .Respond(200, UsersPage(true, "m1", "a", "b"))
            .Respond(200, UsersPage(true, "m2"))
            .Respond(200, UsersPage(false, null, "c"));
        using var client = server.CreateIamClient();

        var names = new List<string>();
        await foreach (var user in client.ListAllUsersAsync()) names.Add(user.UserName);

        Assert.Equal(["a", "b", "c"], names);
        Assert.Equal(3, server.Requests.Count);
        Assert.False(server.Requests[0].Form.ContainsKey("Marker"));
        Assert.Equal("m1", server.Requests[1].Form["Marker"]);
        Assert.Equal("m2", server.Requests[2].Form["Marker"]);
        // IAM's largest page on every request (its default is 100): 2,000 users take 2 calls, not 20.
        Assert.All(server.Requests, r => Assert.Equal("1000", r.Form["MaxItems"]));
    }

    [Fact]
    public async Task ListAllAccessKeys_sends_the_user_on_every_page()
    {
        static string Page(bool truncated, string? marker, string key) =>
            $"<ListAccessKeysResponse><ListAccessKeysResult><AccessKeyMetadata><member><UserName>bob</UserName><AccessKeyId>{key}</AccessKeyId><Status>Active</Status><CreateDate>2020-01-01T00:00:00Z</CreateDate></member></AccessKeyMetadata><IsTruncated>{truncated}</IsTruncated>{(marker != null ? $"<Marker>{marker}</Marker>" : "")}</ListAccessKeysResult></ListAccessKeysResponse>";
        using var server = new StubAwsServer().Respond(200, Page(true, "k", "AKIA1")).Respond(200, Page(false, null, "AKIA2"));
        using var client = server.CreateIamClient();

        var keys = new List<string>();
        await foreach (var key in client.ListAllAccessKeysAsync("bob")) keys.Add(key.AccessKeyId);

        Assert.Equal(["AKIA1", "AKIA2"], keys);
        Assert.All(server.Requests, r => Assert.Equal("bob", r.Form["UserName"]));
        Assert.Equal("k", server.Requests[1].Form["Marker"]);
        Assert.All(server.Requests, r => Assert.Equal("1000", r.Form["MaxItems"]));
    }

    [Fact]
    public async Task ListAllAccessKeys_requires_a_user_name()
    {
        using var server = new StubAwsServer();
        using var client = server.CreateIamClient();
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => { await foreach (var _ in client.ListAllAccessKeysAsync("")) { } });
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Truncated_page_without_marker_fails_instead_of_looping()
    {
        using var server = new StubAwsServer().Respond(200, UsersPage(true, null, "a"));
        using var client = server.CreateIamClient();
        await Assert.ThrowsAsync<InvalidOperationException>(async () => { await foreach (var _ in client.ListAllUsersAsync()) { } });
    }

    [Fact]
    public async Task Repeated_marker_fails_instead_of_looping()
    {
        using var server = new StubAwsServer().Respond(200, UsersPage(true, "same", "a")).Respond(200, UsersPage(true, "same", "b"));
        using var client = server.CreateIamClient();
        await Assert.ThrowsAsync<InvalidOperationException>(async () => { await foreach (var _ in client.ListAllUsersAsync()) { } });
    }
}
