using System.Text;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;

namespace KeyWarden.Aws.Tests.Iam;

/// <summary>Documented AWS responses (with namespace) and moto's variants (no namespace, <c>False</c>, extra elements) → every field.</summary>
public sealed class IamClientUnmarshallingTests
{
    private const string Ns = " xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"";

    private static async Task<T> Receive<T>(string body, Func<IamClient, Task<T>> call)
    {
        using var server = new StubAwsServer().Respond(200, body);
        using var client = server.CreateIamClient();
        return await call(client);
    }

    [Theory]
    [InlineData(Ns, "false")]
    [InlineData("", "False")]
    public async Task ListUsers_reads_every_field(string ns, string isTruncated)
    {
        var body = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <ListUsersResponse{ns}>
              <ListUsersResult>
                <Users>
                  <member>
                    <UserId>AID2MAB8DPLSRHEXAMPLE</UserId>
                    <Path>/division_abc/subdivision_xyz/engineering/</Path>
                    <UserName>Andrew</UserName>
                    <Arn>arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/engineering/Andrew</Arn>
                    <CreateDate>2012-09-05T19:38:48Z</CreateDate>
                    <PasswordLastUsed>2014-09-08T21:47:36.123Z</PasswordLastUsed>
                    <Tags><member><Key>k</Key><Value>v</Value></member></Tags>
                  </member>
                  <member>
                    <UserId>AIDIODR4TAW7CSEXAMPLE</UserId>
                    <Path>/</Path>
                    <UserName>Jackie</UserName>
                    <Arn>arn:aws:iam::123456789012:user/Jackie</Arn>
                    <CreateDate>2014-04-09T15:43:45+02:00</CreateDate>
                  </member>
                </Users>
                <IsTruncated>{isTruncated}</IsTruncated>
                <Unknown><Nested>ignored</Nested></Unknown>
              </ListUsersResult>
              <ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata>
            </ListUsersResponse>
            """;

        var response = await Receive(body, c => c.ListUsersAsync(new ListUsersRequest()));

        Assert.False(response.IsTruncated);
        Assert.Null(response.Marker);
        Assert.Equal("7a62c49f-347e-4fc4-9331-6e8eEXAMPLE", response.ResponseMetadata.RequestId);
        Assert.Equal(2, response.Users.Count);
        var andrew = response.Users[0];
        Assert.Equal("AID2MAB8DPLSRHEXAMPLE", andrew.UserId);
        Assert.Equal("/division_abc/subdivision_xyz/engineering/", andrew.Path);
        Assert.Equal("Andrew", andrew.UserName);
        Assert.Equal("arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/engineering/Andrew", andrew.Arn);
        Assert.Equal(new DateTime(2012, 9, 5, 19, 38, 48, DateTimeKind.Utc), andrew.CreateDate);
        Assert.Equal(DateTimeKind.Utc, andrew.CreateDate.Kind);
        Assert.Equal(new DateTime(2014, 9, 8, 21, 47, 36, 123, DateTimeKind.Utc), andrew.PasswordLastUsed);
        var jackie = response.Users[1];
        Assert.Equal("Jackie", jackie.UserName);
        Assert.Equal(new DateTime(2014, 4, 9, 13, 43, 45, DateTimeKind.Utc), jackie.CreateDate);
        Assert.Null(jackie.PasswordLastUsed);
    }

    [Fact]
    public async Task ListUsers_reads_truncation_and_marker()
    {
        var body = $"<ListUsersResponse{Ns}><ListUsersResult><Users/><IsTruncated>true</IsTruncated><Marker>AAE/ab+c=</Marker></ListUsersResult></ListUsersResponse>";
        var response = await Receive(body, c => c.ListUsersAsync(new ListUsersRequest()));
        Assert.Empty(response.Users);
        Assert.True(response.IsTruncated);
        Assert.Equal("AAE/ab+c=", response.Marker);
    }

    [Theory]
    [InlineData(Ns)]
    [InlineData("")]
    public async Task ListAccessKeys_reads_every_field_and_ignores_motos_extra_user_name(string ns)
    {
        var body = $"""
            <ListAccessKeysResponse{ns}>
              <ListAccessKeysResult>
                <UserName>Bob</UserName>
                <AccessKeyMetadata>
                  <member><UserName>Bob</UserName><AccessKeyId>AKIAIOSFODNN7EXAMPLE</AccessKeyId><Status>Active</Status><CreateDate>2013-01-01T00:00:00Z</CreateDate></member>
                  <member><UserName>Bob</UserName><AccessKeyId>AKIAI44QH8DHBEXAMPLE</AccessKeyId><Status>Inactive</Status><CreateDate>2014-02-03T04:05:06.789Z</CreateDate></member>
                  <member><UserName>Bob</UserName><AccessKeyId>AKIAEXPIREDEXAMPLE</AccessKeyId><Status>Expired</Status><CreateDate>2015-01-01T00:00:00Z</CreateDate></member>
                </AccessKeyMetadata>
                <IsTruncated>false</IsTruncated>
              </ListAccessKeysResult>
              <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
            </ListAccessKeysResponse>
            """;

        var response = await Receive(body, c => c.ListAccessKeysAsync(new ListAccessKeysRequest { UserName = "Bob" }));

        Assert.False(response.IsTruncated);
        Assert.Collection(response.AccessKeyMetadata,
            k =>
            {
                Assert.Equal("Bob", k.UserName);
                Assert.Equal("AKIAIOSFODNN7EXAMPLE", k.AccessKeyId);
                Assert.Equal("Active", k.Status);
                Assert.Equal(new DateTime(2013, 1, 1, 0, 0, 0, DateTimeKind.Utc), k.CreateDate);
            },
            k =>
            {
                Assert.Equal("AKIAI44QH8DHBEXAMPLE", k.AccessKeyId);
                Assert.Equal("Inactive", k.Status);
                Assert.Equal(new DateTime(2014, 2, 3, 4, 5, 6, 789, DateTimeKind.Utc), k.CreateDate);
            },
            k => Assert.Equal("Expired", k.Status));
    }

    [Theory]
    [InlineData(Ns, true)]
    [InlineData("", false)]
    public async Task GetAccessKeyLastUsed_reads_a_used_key(string ns, bool withMetadata)
    {
        var metadata = withMetadata ? "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>" : "";
        var body = $"""
            <GetAccessKeyLastUsedResponse{ns}>
              <GetAccessKeyLastUsedResult>
                <AccessKeyLastUsed><Region>us-west-2</Region><LastUsedDate>2015-03-13T10:45:00Z</LastUsedDate><ServiceName>s3</ServiceName></AccessKeyLastUsed>
                <UserName>bob</UserName>
              </GetAccessKeyLastUsedResult>
              {metadata}
            </GetAccessKeyLastUsedResponse>
            """;

        var response = await Receive(body, c => c.GetAccessKeyLastUsedAsync(new GetAccessKeyLastUsedRequest { AccessKeyId = "AKIA1" }));

        Assert.Equal("bob", response.UserName);
        Assert.Equal(new DateTime(2015, 3, 13, 10, 45, 0, DateTimeKind.Utc), response.AccessKeyLastUsed.LastUsedDate);
        Assert.Equal("s3", response.AccessKeyLastUsed.ServiceName);
        Assert.Equal("us-west-2", response.AccessKeyLastUsed.Region);
    }

    [Fact]
    public async Task GetAccessKeyLastUsed_reads_a_never_used_key()
    {
        var body = $"<GetAccessKeyLastUsedResponse{Ns}><GetAccessKeyLastUsedResult><AccessKeyLastUsed><ServiceName>N/A</ServiceName><Region>N/A</Region></AccessKeyLastUsed><UserName>bob</UserName></GetAccessKeyLastUsedResult></GetAccessKeyLastUsedResponse>";
        var response = await Receive(body, c => c.GetAccessKeyLastUsedAsync(new GetAccessKeyLastUsedRequest { AccessKeyId = "AKIA1" }));
        Assert.Null(response.AccessKeyLastUsed.LastUsedDate);
        Assert.Equal("N/A", response.AccessKeyLastUsed.ServiceName);
        Assert.Equal("N/A", response.AccessKeyLastUsed.Region);
    }

    [Theory]
    [InlineData(Ns)]
    [InlineData("")]
    public async Task UpdateAccessKey_reads_the_request_id(string ns)
    {
        var body = $"<UpdateAccessKeyResponse{ns}><ResponseMetadata><RequestId>upd-1</RequestId></ResponseMetadata></UpdateAccessKeyResponse>";
        var response = await Receive(body, c => c.UpdateAccessKeyAsync(new UpdateAccessKeyRequest { UserName = "u", AccessKeyId = "AKIA1", Status = "Inactive" }));
        Assert.Equal("upd-1", response.ResponseMetadata.RequestId);
    }

    [Theory]
    [InlineData(Ns, "STARTED", "<Description>No report exists. Starting a new report generation task</Description>", "No report exists. Starting a new report generation task")]
    [InlineData("", "COMPLETE", "", null)]
    public async Task GenerateCredentialReport_reads_state_and_description(string ns, string state, string descriptionXml, string? description)
    {
        var body = $"<GenerateCredentialReportResponse{ns}><GenerateCredentialReportResult>{descriptionXml}<State>{state}</State></GenerateCredentialReportResult></GenerateCredentialReportResponse>";
        var response = await Receive(body, c => c.GenerateCredentialReportAsync(new()));
        Assert.Equal(state, response.State);
        Assert.Equal(description, response.Description);
    }

    [Fact]
    public async Task GetCredentialReport_decodes_the_base64_content()
    {
        var csv = "user,arn\n<root_account>,arn:aws:iam::123456789012:root\n\"a,b\",arn:aws:iam::123456789012:user/a,b\n";
        var body = $"""
            <GetCredentialReportResponse{Ns}>
              <GetCredentialReportResult>
                <Content>{Convert.ToBase64String(Encoding.UTF8.GetBytes(csv))}</Content>
                <ReportFormat>text/csv</ReportFormat>
                <GeneratedTime>2014-08-28T21:42:50Z</GeneratedTime>
              </GetCredentialReportResult>
              <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
            </GetCredentialReportResponse>
            """;
        var response = await Receive(body, c => c.GetCredentialReportAsync(new()));
        Assert.Equal(csv, Encoding.UTF8.GetString(response.Content));
        Assert.Equal("text/csv", response.ReportFormat);
        Assert.Equal(new DateTime(2014, 8, 28, 21, 42, 50, DateTimeKind.Utc), response.GeneratedTime);
    }

    [Theory]
    [InlineData(Ns)]
    [InlineData("")]
    public async Task GetAccountSummary_reads_the_summary_map(string ns)
    {
        var body = $"""
            <GetAccountSummaryResponse{ns}>
              <GetAccountSummaryResult>
                <SummaryMap>
                  <entry><key>Users</key><value>27</value></entry>
                  <entry><key>AccessKeysPerUserQuota</key><value>2</value></entry>
                  <entry><value>1</value><key>AccountAccessKeysPresent</key></entry>
                  <entry><key>AccountMFAEnabled</key><value>0</value></entry>
                </SummaryMap>
              </GetAccountSummaryResult>
              <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
            </GetAccountSummaryResponse>
            """;
        var response = await Receive(body, c => c.GetAccountSummaryAsync(new()));
        Assert.Equal(new Dictionary<string, int>
        {
            ["Users"] = 27, ["AccessKeysPerUserQuota"] = 2, ["AccountAccessKeysPresent"] = 1, ["AccountMFAEnabled"] = 0,
        }, response.SummaryMap);
    }
}
