using System.Text.Json;
using KeyWarden.Aws.Organizations;
using KeyWarden.Aws.Organizations.Model;

namespace KeyWarden.Aws.Tests.Organizations;

/// <summary>Request → exact JSON 1.1 body and headers on the wire (botocore organizations 2016-11-28).</summary>
public sealed class OrganizationsClientMarshallingTests
{
    private static async Task<RecordedRequest> Send(Func<OrganizationsClient, Task> call)
    {
        using var server = new StubAwsServer().Respond(200, "{}");
        using var client = server.CreateOrganizationsClient();
        await call(client);
        return Assert.Single(server.Requests);
    }

    private static Dictionary<string, string> Members(RecordedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
    }

    [Fact]
    public async Task ListAccounts_posts_json_1_1_with_the_target_header_and_signs_for_organizations()
    {
        var request = await Send(c => c.ListAccountsAsync(new ListAccountsRequest { MaxResults = 20, NextToken = "tok+/=\"x" }));

        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.Equal("application/x-amz-json-1.1", request.ContentType);
        Assert.Equal("AWSOrganizationsV20161128.ListAccounts", request.Header("X-Amz-Target"));
        Assert.Contains("/us-east-1/organizations/aws4_request", request.Authorization);
        Assert.Contains("x-amz-target", request.Authorization); // the target header is signed
        Assert.Equal(["NextToken", "MaxResults"], Members(request).Keys);
        using var document = JsonDocument.Parse(request.Body);
        Assert.Equal("tok+/=\"x", document.RootElement.GetProperty("NextToken").GetString()); // passed back unchanged
        Assert.Equal(20, document.RootElement.GetProperty("MaxResults").GetInt32());
    }

    [Fact]
    public async Task ListAccounts_without_parameters_sends_an_empty_object()
    {
        var request = await Send(c => c.ListAccountsAsync(new ListAccountsRequest()));
        Assert.Equal("{}", request.Body);
    }

    [Fact]
    public async Task ListAccountsForParent_sends_parent_token_and_page_size()
    {
        var request = await Send(c => c.ListAccountsForParentAsync(new ListAccountsForParentRequest { ParentId = "ou-ab12-cdef3456", NextToken = "n1", MaxResults = 5 }));
        Assert.Equal("AWSOrganizationsV20161128.ListAccountsForParent", request.Header("X-Amz-Target"));
        Assert.Equal(new Dictionary<string, string> { ["ParentId"] = "\"ou-ab12-cdef3456\"", ["NextToken"] = "\"n1\"", ["MaxResults"] = "5" }, Members(request));
    }

    [Fact]
    public async Task ListOrganizationalUnitsForParent_sends_parent_only_when_nothing_else_is_set()
    {
        var request = await Send(c => c.ListOrganizationalUnitsForParentAsync(new ListOrganizationalUnitsForParentRequest { ParentId = "r-ab12" }));
        Assert.Equal("AWSOrganizationsV20161128.ListOrganizationalUnitsForParent", request.Header("X-Amz-Target"));
        Assert.Equal("{\"ParentId\":\"r-ab12\"}", request.Body);
    }

    [Fact]
    public async Task DescribeOrganization_sends_an_empty_object()
    {
        var request = await Send(c => c.DescribeOrganizationAsync(new DescribeOrganizationRequest()));
        Assert.Equal("AWSOrganizationsV20161128.DescribeOrganization", request.Header("X-Amz-Target"));
        Assert.Equal("{}", request.Body);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task A_listing_by_parent_without_a_parent_throws_before_sending(string? parent)
    {
        using var server = new StubAwsServer();
        using var client = server.CreateOrganizationsClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.ListAccountsForParentAsync(new ListAccountsForParentRequest { ParentId = parent }));
        await Assert.ThrowsAsync<ArgumentException>(() => client.ListOrganizationalUnitsForParentAsync(new ListOrganizationalUnitsForParentRequest { ParentId = parent }));
        Assert.Empty(server.Requests);
    }
}
