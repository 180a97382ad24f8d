using System.Globalization;
using Amazon.Runtime;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.Aws.Organizations.Model;

namespace KeyWarden.Aws.Tests;

/// <summary>AwsConnection.AssumeRoleAsync against the stub: the STS call, the role connection's signing, renewal, refusals.</summary>
public sealed class AssumeRoleTests
{
    private const string RoleArn = "arn:aws:iam::222233334444:role/OrganizationAccountAccessRole";
    private const string HubKey = "AKIAHUBKEY0000000001";
    private const string HubSecret = "hub-secret-0000000000000000000000000000";
    private const string Users = "<ListUsersResponse><ListUsersResult><Users><member><UserName>member-user</UserName></member></Users><IsTruncated>false</IsTruncated></ListUsersResult></ListUsersResponse>";

    private static string Assumed(string keyId, string secret, string token, DateTime expiration) => $"""
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
          <AssumedRoleUser><Arn>arn:aws:sts::222233334444:assumed-role/OrganizationAccountAccessRole/keywarden</Arn><AssumedRoleId>AROAEXAMPLE:keywarden</AssumedRoleId></AssumedRoleUser>
          <Credentials><AccessKeyId>{keyId}</AccessKeyId><SecretAccessKey>{secret}</SecretAccessKey><SessionToken>{token}</SessionToken>
            <Expiration>{expiration.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}</Expiration></Credentials>
        </AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>
        """;

    private static string StsError(string code, string message) =>
        $"<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>r</RequestId></ErrorResponse>";

    private static readonly string Denied = StsError("AccessDenied",
        $"User: arn:aws:iam::111122223333:user/hub is not authorized to perform: sts:AssumeRole on resource: {RoleArn}");

    private static AwsConnection Hub(StubAwsServer server, List<string>? secrets = null, string region = "eu-west-1")
    {
        var env = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = server.Url, ["AWS_REGION"] = region };
        return AwsConnectionFactory.Create(new AwsConnectionOptions(), n => env.GetValueOrDefault(n), new BasicAWSCredentials(HubKey, HubSecret), secrets is null ? null : s => { lock (secrets) secrets.Add(s); });
    }

    private static int Count(StubAwsServer server, string action)
    {
        lock (server.Requests) return server.Requests.Count(r => r.Form.GetValueOrDefault("Action") == action);
    }

    [Fact]
    public async Task The_role_connection_signs_iam_sts_and_organizations_with_the_session_and_protects_every_key()
    {
        using var server = new StubAwsServer()
            .Respond(200, Assumed("ASIAROLEKEY000000001", "role-secret-00000000000000000000000000001", "role-session-token-1", DateTime.UtcNow.AddHours(1)))
            .Respond(200, Users)
            .Respond(200, """{"Accounts":[]}""");
        var secrets = new List<string>();
        using var hub = Hub(server, secrets);

        using var member = await hub.AssumeRoleAsync(new AssumeRoleOptions(RoleArn, "keywarden", "ext-id-1", TimeSpan.FromMinutes(30)));
        var assume = Assert.Single(server.Requests);
        await member.Iam.ListUsersAsync(new ListUsersRequest());
        await member.Organizations.ListAccountsAsync(new ListAccountsRequest());

        Assert.Equal(new Dictionary<string, string>
        {
            ["Action"] = "AssumeRole", ["Version"] = "2011-06-15", ["RoleArn"] = RoleArn, ["RoleSessionName"] = "keywarden",
            ["ExternalId"] = "ext-id-1", ["DurationSeconds"] = "1800",
        }, assume.Form);
        Assert.Contains($"Credential={HubKey}/", assume.Authorization);
        Assert.Contains("/eu-west-1/sts/aws4_request", assume.Authorization); // the regional STS endpoint of --region

        var (iam, organizations) = (server.Requests[1], server.Requests[2]);
        Assert.Contains("Credential=ASIAROLEKEY000000001/", iam.Authorization);
        Assert.Equal("role-session-token-1", iam.Header("X-Amz-Security-Token"));
        Assert.Contains("Credential=ASIAROLEKEY000000001/", organizations.Authorization);
        Assert.Equal("role-session-token-1", organizations.Header("X-Amz-Security-Token"));

        Assert.Contains("role-secret-00000000000000000000000000001", secrets);
        Assert.Contains("role-session-token-1", secrets);
        Assert.Equal(RoleArn, member.RoleArn);
        Assert.Null(hub.RoleArn);
        Assert.Equal(["ASIAROLEKEY000000001", HubKey], await member.GetCallerAccessKeyIdsAsync());
        Assert.Equal([HubKey], await hub.GetCallerAccessKeyIdsAsync());
    }

    [Fact]
    public async Task A_refused_role_throws_at_once_and_is_described_as_access_denied_naming_the_role()
    {
        using var server = new StubAwsServer().Respond(403, Denied);
        using var hub = Hub(server);

        var e = await Assert.ThrowsAsync<AwsAssumeRoleException>(() => hub.AssumeRoleAsync(new AssumeRoleOptions(RoleArn, "keywarden")));

        Assert.Single(server.Requests); // a refusal is not retried
        var failure = AwsErrorDescriber.Describe(e)!;
        Assert.Equal(AwsFailureKind.AccessDenied, failure.Kind);
        Assert.Equal("AccessDenied", failure.Code);
        Assert.StartsWith($"could not assume role {RoleArn}: AccessDenied: User: arn:aws:iam::111122223333:user/hub is not authorized", failure.OneLineMessage);
        Assert.DoesNotContain('\n', failure.OneLineMessage);
        Assert.DoesNotContain(HubSecret, failure.OneLineMessage);
        Assert.Equal(RoleArn, e.RoleArn);
    }

    [Fact]
    public async Task Remediation_through_the_role_connection_is_signed_with_the_session_too()
    {
        using var server = new StubAwsServer()
            .Respond(200, Assumed("ASIAROLEKEY000000001", "role-secret-00000000000000000000000000001", "tok", DateTime.UtcNow.AddHours(1)))
            .Respond(200, "<UpdateAccessKeyResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></UpdateAccessKeyResponse>");
        using var hub = Hub(server);
        using var member = await hub.AssumeRoleAsync(new AssumeRoleOptions(RoleArn, "keywarden"));

        await member.Iam.UpdateAccessKeyAsync(new UpdateAccessKeyRequest { UserName = "member-user", AccessKeyId = "AKIAMEMBERKEY0000001", Status = AccessKeyStatus.Inactive });

        var change = server.Requests[1];
        Assert.Equal("UpdateAccessKey", change.Form["Action"]);
        Assert.Contains("Credential=ASIAROLEKEY000000001/", change.Authorization);
    }

    [Fact]
    public async Task An_unreachable_sts_endpoint_is_an_endpoint_failure_naming_the_role()
    {
        var env = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = $"http://127.0.0.1:{StubAwsServer.FreePort()}", ["AWS_MAX_ATTEMPTS"] = "1" };
        using var hub = AwsConnectionFactory.Create(new AwsConnectionOptions(), n => env.GetValueOrDefault(n), new BasicAWSCredentials(HubKey, HubSecret));

        var e = await Assert.ThrowsAsync<AwsAssumeRoleException>(() => hub.AssumeRoleAsync(new AssumeRoleOptions(RoleArn, "keywarden")));

        var failure = AwsErrorDescriber.Describe(e)!;
        Assert.Equal(AwsFailureKind.Endpoint, failure.Kind);
        Assert.StartsWith($"could not assume role {RoleArn}: ", failure.OneLineMessage);
        Assert.Contains("connection refused", failure.OneLineMessage);
    }

    [Fact]
    public async Task Sts_not_enabled_in_the_region_is_access_denied_too()
    {
        using var server = new StubAwsServer().Respond(403, StsError("RegionDisabledException", "STS is not activated in this region for account:222233334444."));
        using var hub = Hub(server);

        var e = await Assert.ThrowsAsync<AwsAssumeRoleException>(() => hub.AssumeRoleAsync(new AssumeRoleOptions(RoleArn, "keywarden")));
        Assert.Equal(AwsFailureKind.AccessDenied, AwsErrorDescriber.Describe(e)!.Kind);
    }

    [Fact]
    public async Task A_throttled_assume_role_is_retried_like_every_sts_call()
    {
        var throttled = StsError("Throttling", "Rate exceeded");
        using var server = new StubAwsServer().Respond(400, throttled).Respond(400, throttled).Respond(400, throttled).Respond(400, throttled)
            .Respond(200, Assumed("ASIAROLEKEY000000001", "role-secret-00000000000000000000000000001", "tok", DateTime.UtcNow.AddHours(1)))
            .Respond(200, Users);
        using var hub = Hub(server);

        using var member = await hub.AssumeRoleAsync(new AssumeRoleOptions(RoleArn, "keywarden"));
        await member.Iam.ListUsersAsync(new ListUsersRequest());

        Assert.Equal(5, Count(server, "AssumeRole")); // more than the SDK's default of 3 attempts
    }

    private static StubAwsServer Renewing(DateTime firstExpiration, bool refuseRenewal = false)
    {
        var sessions = 0;
        return new StubAwsServer
        {
            Responder = request => request.Form.GetValueOrDefault("Action") switch
            {
                "AssumeRole" => ++sessions == 1
                    ? (200, Assumed("ASIAROLEKEY000000001", "role-secret-00000000000000000000000000001", "tok-1", firstExpiration))
                    : refuseRenewal
                        ? (403, Denied)
                        : (200, Assumed($"ASIAROLEKEY00000000{sessions}", $"role-secret-0000000000000000000000000000{sessions}", $"tok-{sessions}", DateTime.UtcNow.AddHours(1))),
                _ => (200, Users),
            },
        };
    }

    private static List<RecordedRequest> Iam(StubAwsServer server)
    {
        lock (server.Requests) return [.. server.Requests.Where(r => r.Form.GetValueOrDefault("Action") == "ListUsers")];
    }

    [Fact]
    public async Task Credentials_within_five_minutes_of_expiry_are_renewed_and_the_new_session_is_used_from_then_on()
    {
        // The first session expires in 2 minutes, inside the 5-minute margin: still valid, so the SDK signs with it and
        // renews at once in the background; every later call uses the new session, and nothing renews it again.
        using var server = Renewing(DateTime.UtcNow.AddMinutes(2));
        var secrets = new List<string>();
        using var hub = Hub(server, secrets);
        using var member = await hub.AssumeRoleAsync(new AssumeRoleOptions(RoleArn, "keywarden"));

        await member.Iam.ListUsersAsync(new ListUsersRequest());
        // The renewal runs in the background: wait until the credentials have switched to the new session.
        for (var i = 0; i < 200 && await member.GetCallerAccessKeyIdAsync() != "ASIAROLEKEY000000002"; i++) await Task.Delay(25);
        var renewals = Count(server, "AssumeRole");
        await member.Iam.ListUsersAsync(new ListUsersRequest());
        await member.Iam.ListUsersAsync(new ListUsersRequest());

        var iam = Iam(server);
        Assert.Contains("Credential=ASIAROLEKEY000000001/", iam[0].Authorization); // still valid: signed while renewing
        Assert.All(iam.Skip(1), r => Assert.Contains("Credential=ASIAROLEKEY000000002/", r.Authorization));
        Assert.All(iam.Skip(1), r => Assert.Equal("tok-2", r.Header("X-Amz-Security-Token")));
        Assert.Equal(2, renewals);
        Assert.Equal(renewals, Count(server, "AssumeRole")); // the fresh session is not renewed again
        Assert.Contains("tok-2", secrets);
        Assert.Equal(["ASIAROLEKEY000000002", HubKey], await member.GetCallerAccessKeyIdsAsync());
    }

    [Fact]
    public async Task Expired_credentials_are_renewed_before_the_call_is_signed()
    {
        using var server = Renewing(DateTime.UtcNow.AddMinutes(-1));
        using var hub = Hub(server);
        using var member = await hub.AssumeRoleAsync(new AssumeRoleOptions(RoleArn, "keywarden"));

        await member.Iam.ListUsersAsync(new ListUsersRequest());

        Assert.Equal(2, Count(server, "AssumeRole"));
        Assert.Contains("Credential=ASIAROLEKEY000000002/", Assert.Single(Iam(server)).Authorization);
    }

    [Fact]
    public async Task A_renewal_that_is_refused_fails_the_call_as_access_denied_naming_the_role()
    {
        using var server = Renewing(DateTime.UtcNow.AddMinutes(-1), refuseRenewal: true);
        using var hub = Hub(server);
        using var member = await hub.AssumeRoleAsync(new AssumeRoleOptions(RoleArn, "keywarden"));

        var e = await Assert.ThrowsAnyAsync<Exception>(() => member.Iam.ListUsersAsync(new ListUsersRequest()));

        var failure = AwsErrorDescriber.Describe(e)!;
        Assert.Equal(AwsFailureKind.AccessDenied, failure.Kind);
        Assert.Contains(RoleArn, failure.OneLineMessage);
        Assert.Empty(Iam(server)); // nothing was signed with expired keys
    }

    [Fact]
    public async Task Disposing_the_role_connection_leaves_the_hub_open()
    {
        using var server = new StubAwsServer()
            .Respond(200, Assumed("ASIAROLEKEY000000001", "role-secret-00000000000000000000000000001", "tok", DateTime.UtcNow.AddHours(1)))
            .Respond(200, Users);
        using var hub = Hub(server);

        var member = await hub.AssumeRoleAsync(new AssumeRoleOptions(RoleArn, "keywarden"));
        member.Dispose();
        await hub.Iam.ListUsersAsync(new ListUsersRequest());

        Assert.Contains($"Credential={HubKey}/", server.Requests[1].Authorization);
        Assert.Throws<ObjectDisposedException>(() => member.Organizations);
    }

    [Theory]
    [InlineData("not-an-arn", "keywarden", null, null)]
    [InlineData("arn:aws:iam::2222333344:role/short-account", "keywarden", null, null)]
    [InlineData("arn:aws:iam::222233334444:user/not-a-role", "keywarden", null, null)]
    [InlineData(RoleArn, "k", null, null)]
    [InlineData(RoleArn, "has space", null, null)]
    [InlineData(RoleArn, "keywarden", "x", null)]
    [InlineData(RoleArn, "keywarden", null, 899)]
    [InlineData(RoleArn, "keywarden", null, 43201)]
    public async Task Options_outside_sts_limits_are_refused_before_any_call(string roleArn, string sessionName, string? externalId, int? seconds)
    {
        using var server = new StubAwsServer();
        using var hub = Hub(server);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            hub.AssumeRoleAsync(new AssumeRoleOptions(roleArn, sessionName, externalId, seconds is { } s ? TimeSpan.FromSeconds(s) : null)));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Role_arns_of_other_partitions_and_with_paths_are_accepted()
    {
        using var server = new StubAwsServer()
            .Respond(200, Assumed("ASIAROLEKEY000000001", "role-secret-00000000000000000000000000001", "tok", DateTime.UtcNow.AddHours(1)));
        using var hub = Hub(server, region: "cn-north-1");

        using var member = await hub.AssumeRoleAsync(new AssumeRoleOptions("arn:aws-cn:iam::222233334444:role/ops/AWSControlTowerExecution", "key.warden@ci", Duration: TimeSpan.FromHours(12)));

        Assert.Equal("43200", server.Requests[0].Form["DurationSeconds"]);
        Assert.False(server.Requests[0].Form.ContainsKey("ExternalId"));
        Assert.Contains("/cn-north-1/sts/aws4_request", server.Requests[0].Authorization);
    }
}
