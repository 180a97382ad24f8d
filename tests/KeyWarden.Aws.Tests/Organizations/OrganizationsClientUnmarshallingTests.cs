using KeyWarden.Aws.Organizations.Model;

namespace KeyWarden.Aws.Tests.Organizations;

/// <summary>JSON 1.1 response → every model field, unknown members skipped.</summary>
public sealed class OrganizationsClientUnmarshallingTests
{
    private static async Task<T> Receive<T>(string body, Func<KeyWarden.Aws.Organizations.OrganizationsClient, Task<T>> call)
    {
        using var server = new StubAwsServer().Respond(200, body);
        using var client = server.CreateOrganizationsClient();
        return await call(client);
    }

    [Fact]
    public async Task ListAccounts_reads_every_account_field_and_the_token()
    {
        const string body = """
            {"Accounts":[
              {"Id":"111122223333","Arn":"arn:aws:organizations::999988887777:account/o-abc123defg/111122223333","Email":"ops+a@example.com",
               "Name":"Ops \u00e9 \"A\"","Status":"ACTIVE","State":"ACTIVE","Paths":["o-abc123defg/r-ab12/ou-ab12-cdef3456/"],
               "JoinedMethod":"CREATED","JoinedTimestamp":1.481830215219E9,"Future":{"Nested":[1,{"Id":"not-this"}]}},
              {"Id":"444455556666","Name":"closed","State":"CLOSED","Status":"SUSPENDED","JoinedMethod":"INVITED","JoinedTimestamp":1700000000.125}
            ],"NextToken":"page-2=="}
            """;
        var response = await Receive(body, c => c.ListAccountsAsync(new ListAccountsRequest()));

        Assert.Equal("page-2==", response.NextToken);
        Assert.Equal(2, response.Accounts.Count);
        var a = response.Accounts[0];
        Assert.Equal("111122223333", a.Id);
        Assert.Equal("arn:aws:organizations::999988887777:account/o-abc123defg/111122223333", a.Arn);
        Assert.Equal("ops+a@example.com", a.Email);
        Assert.Equal("Ops é \"A\"", a.Name);
        Assert.Equal((AccountState.Active, "ACTIVE"), (a.State, a.Status));
        Assert.Equal("CREATED", a.JoinedMethod);
        Assert.Equal(DateTimeKind.Utc, a.JoinedTimestamp!.Value.Kind);
        Assert.Equal(new DateTime(2016, 12, 15, 19, 30, 15, 219, DateTimeKind.Utc), a.JoinedTimestamp.Value);

        var b = response.Accounts[1];
        Assert.Equal(("444455556666", "closed", AccountState.Closed, "SUSPENDED", "INVITED"), (b.Id, b.Name, b.State, b.Status, b.JoinedMethod));
        Assert.Null(b.Arn);
        Assert.Null(b.Email);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_125).UtcDateTime, b.JoinedTimestamp);
    }

    [Fact]
    public async Task An_account_without_state_or_timestamp_reads_them_as_null()
    {
        // moto before 5.2 sends no State; a last page has no NextToken.
        var response = await Receive("""{"Accounts":[{"Id":"111122223333","Status":"ACTIVE"}]}""", c => c.ListAccountsAsync(new ListAccountsRequest()));
        var a = Assert.Single(response.Accounts);
        Assert.Null(a.State);
        Assert.Null(a.JoinedTimestamp);
        Assert.Null(response.NextToken);
    }

    [Fact]
    public async Task An_empty_page_with_a_token_keeps_the_token()
    {
        var response = await Receive("""{"Accounts":[],"NextToken":"more"}""", c => c.ListAccountsAsync(new ListAccountsRequest()));
        Assert.Empty(response.Accounts);
        Assert.Equal("more", response.NextToken);
    }

    [Fact]
    public async Task ListAccountsForParent_reads_accounts_and_token()
    {
        var response = await Receive("""{"NextToken":"t","Accounts":[{"Id":"111122223333","State":"SUSPENDED","JoinedTimestamp":1600000000}]}""",
            c => c.ListAccountsForParentAsync(new ListAccountsForParentRequest { ParentId = "r-ab12" }));
        var a = Assert.Single(response.Accounts);
        Assert.Equal(("111122223333", AccountState.Suspended), (a.Id, a.State));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_600_000_000).UtcDateTime, a.JoinedTimestamp);
        Assert.Equal("t", response.NextToken);
    }

    [Fact]
    public async Task ListOrganizationalUnitsForParent_reads_every_unit_field()
    {
        var response = await Receive(
            """{"OrganizationalUnits":[{"Id":"ou-ab12-cdef3456","Arn":"arn:aws:organizations::999988887777:ou/o-abc123defg/ou-ab12-cdef3456","Name":"Prod","Path":"o-abc123defg/r-ab12/ou-ab12-cdef3456/"}],"NextToken":null}""",
            c => c.ListOrganizationalUnitsForParentAsync(new ListOrganizationalUnitsForParentRequest { ParentId = "r-ab12" }));
        var unit = Assert.Single(response.OrganizationalUnits);
        Assert.Equal(("ou-ab12-cdef3456", "arn:aws:organizations::999988887777:ou/o-abc123defg/ou-ab12-cdef3456", "Prod"), (unit.Id, unit.Arn, unit.Name));
        Assert.Null(response.NextToken);
    }

    [Fact]
    public async Task DescribeOrganization_reads_every_organization_field()
    {
        const string body = """
            {"Organization":{"Id":"o-abc123defg","Arn":"arn:aws:organizations::999988887777:organization/o-abc123defg","FeatureSet":"ALL",
             "MasterAccountArn":"arn:aws:organizations::999988887777:account/o-abc123defg/999988887777","MasterAccountId":"999988887777",
             "MasterAccountEmail":"root@example.com","AvailablePolicyTypes":[{"Type":"SERVICE_CONTROL_POLICY","Status":"ENABLED"}]}}
            """;
        var response = await Receive(body, c => c.DescribeOrganizationAsync(new DescribeOrganizationRequest()));
        var o = response.Organization!;
        Assert.Equal(("o-abc123defg", "arn:aws:organizations::999988887777:organization/o-abc123defg", "ALL"), (o.Id, o.Arn, o.FeatureSet));
        Assert.Equal(("arn:aws:organizations::999988887777:account/o-abc123defg/999988887777", "999988887777", "root@example.com"),
            (o.MasterAccountArn, o.MasterAccountId, o.MasterAccountEmail));
        var policy = Assert.Single(o.AvailablePolicyTypes);
        Assert.Equal(("SERVICE_CONTROL_POLICY", "ENABLED"), (policy.Type, policy.Status));
    }
}
