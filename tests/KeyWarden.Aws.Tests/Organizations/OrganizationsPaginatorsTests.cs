using System.Text.Json;
using KeyWarden.Aws.Organizations;
using KeyWarden.Aws.Organizations.Model;

namespace KeyWarden.Aws.Tests.Organizations;

/// <summary>The paginators on the wire: every page to the last NextToken, empty pages included, and recursion through OUs.</summary>
public sealed class OrganizationsPaginatorsTests
{
    private static string Accounts(string? next, params string[] ids) =>
        JsonSerializer.Serialize(new { Accounts = ids.Select(id => new { Id = id, State = "ACTIVE" }), NextToken = next });

    private static string Units(string? next, params string[] ids) =>
        JsonSerializer.Serialize(new { OrganizationalUnits = ids.Select(id => new { Id = id, Name = id }), NextToken = next });

    private static JsonElement Body(RecordedRequest request) => JsonDocument.Parse(request.Body).RootElement.Clone();

    private static async Task<List<string>> Ids(IAsyncEnumerable<Account> accounts)
    {
        var ids = new List<string>();
        await foreach (var account in accounts) ids.Add(account.Id!);
        return ids;
    }

    [Fact]
    public async Task ListAllAccounts_follows_tokens_through_empty_pages_and_stops_only_without_one()
    {
        using var server = new StubAwsServer()
            .Respond(200, Accounts("t1", "111111111111", "222222222222"))
            .Respond(200, Accounts("t2"))                      // empty page, more to come
            .Respond(200, Accounts("t3"))                      // and again
            .Respond(200, Accounts(null, "333333333333"));
        using var client = server.CreateOrganizationsClient();

        var ids = await Ids(OrganizationsPaginators.ListAllAccountsAsync(client));

        Assert.Equal(["111111111111", "222222222222", "333333333333"], ids);
        Assert.Equal(4, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("AWSOrganizationsV20161128.ListAccounts", r.Header("X-Amz-Target")));
        Assert.All(server.Requests, r => Assert.Equal(20, Body(r).GetProperty("MaxResults").GetInt32()));
        Assert.False(Body(server.Requests[0]).TryGetProperty("NextToken", out _));
        Assert.Equal(["t1", "t2", "t3"], server.Requests.Skip(1).Select(r => Body(r).GetProperty("NextToken").GetString()));
    }

    [Fact]
    public async Task A_token_that_never_changes_is_an_error_not_an_endless_loop()
    {
        using var server = new StubAwsServer { Responder = _ => (200, Accounts("same", "111111111111")) };
        using var client = server.CreateOrganizationsClient();

        var e = await Assert.ThrowsAsync<AmazonOrganizationsException>(() => Ids(OrganizationsPaginators.ListAllAccountsAsync(client)));
        Assert.Contains("does not end", e.Message);
        Assert.Equal(2, server.Requests.Count);
        Assert.NotNull(AwsErrorDescriber.Describe(e));
    }

    [Fact]
    public async Task ListAllAccountsUnder_walks_child_units_recursively_each_page_to_its_end()
    {
        // r-root: accounts A (page 1), empty page, B; units ou-1 (page 1), ou-2 (page 2)
        // ou-1: account C; unit ou-1a      ou-1a: account D, no units      ou-2: no accounts, no units
        var accounts = new Dictionary<(string, string?), string>
        {
            [("r-root", null)] = Accounts("a1", "100000000001"),
            [("r-root", "a1")] = Accounts("a2"),
            [("r-root", "a2")] = Accounts(null, "100000000002"),
            [("ou-1", null)] = Accounts(null, "100000000003"),
            [("ou-1a", null)] = Accounts(null, "100000000004"),
            [("ou-2", null)] = Accounts(null),
        };
        var units = new Dictionary<(string, string?), string>
        {
            [("r-root", null)] = Units("u1", "ou-1"),
            [("r-root", "u1")] = Units(null, "ou-2"),
            [("ou-1", null)] = Units(null, "ou-1a"),
            [("ou-1a", null)] = Units(null),
            [("ou-2", null)] = Units(null),
        };
        using var server = new StubAwsServer
        {
            Responder = request =>
            {
                var body = Body(request);
                var key = (body.GetProperty("ParentId").GetString()!, body.TryGetProperty("NextToken", out var t) ? t.GetString() : null);
                return request.Header("X-Amz-Target") switch
                {
                    "AWSOrganizationsV20161128.ListAccountsForParent" => (200, accounts[key]),
                    "AWSOrganizationsV20161128.ListOrganizationalUnitsForParent" => (200, units[key]),
                    var other => (400, $$"""{"__type":"InvalidInputException","Message":"unexpected {{other}}"}"""),
                };
            },
        };
        using var client = server.CreateOrganizationsClient();

        var ids = await Ids(OrganizationsPaginators.ListAllAccountsUnderAsync(client, "r-root"));

        Assert.Equal(["100000000001", "100000000002", "100000000003", "100000000004"], ids);
        Assert.Equal(accounts.Count + units.Count, server.Requests.Count); // every page once, nothing more
        Assert.All(server.Requests, r => Assert.Equal(20, Body(r).GetProperty("MaxResults").GetInt32()));
    }

    [Fact]
    public async Task An_account_listed_twice_while_the_tree_changes_is_returned_once()
    {
        using var server = new StubAwsServer
        {
            Responder = request =>
            {
                var parent = Body(request).GetProperty("ParentId").GetString();
                return request.Header("X-Amz-Target")!.EndsWith("ListAccountsForParent", StringComparison.Ordinal)
                    ? (200, Accounts(null, "100000000001"))       // the same account under both parents: it moved mid-listing
                    : (200, parent == "r-root" ? Units(null, "ou-1", "ou-1") : Units(null));
            },
        };
        using var client = server.CreateOrganizationsClient();

        Assert.Equal(["100000000001"], await Ids(OrganizationsPaginators.ListAllAccountsUnderAsync(client, "r-root")));
        Assert.Equal(4, server.Requests.Count); // r-root (accounts, units) and ou-1 once (accounts, units)
    }
}
