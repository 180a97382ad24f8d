using Amazon.Runtime;
using KeyWarden.Aws.Iam.Model;

namespace KeyWarden.Aws.Tests;

/// <summary>The factory wires resolved settings into real clients (offline, against the stub server).</summary>
public sealed class AwsConnectionFactoryTests
{
    [Fact]
    public async Task Endpoint_from_the_environment_reaches_iam_and_sts_with_the_injected_settings()
    {
        using var server = new StubAwsServer()
            .Respond(200, "<ListUsersResponse><ListUsersResult><IsTruncated>false</IsTruncated></ListUsersResult></ListUsersResponse>")
            .Respond(200, "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult><Arn>arn:aws-cn:iam::111122223333:user/ops</Arn><UserId>AIDAX</UserId><Account>111122223333</Account></GetCallerIdentityResult></GetCallerIdentityResponse>");
        var env = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = server.Url, ["AWS_DEFAULT_REGION"] = "cn-northwest-1" };

        using var connection = AwsConnectionFactory.Create(new AwsConnectionOptions(Profile: null), n => env.GetValueOrDefault(n), new BasicAWSCredentials("AKIAFACTORY", "secret"));
        await connection.Iam.ListUsersAsync(new ListUsersRequest());
        var identity = await connection.Sts.GetCallerIdentityAsync();

        Assert.Equal("cn-northwest-1", connection.Settings.Region);
        Assert.Equal(new("111122223333", "arn:aws-cn:iam::111122223333:user/ops", "AIDAX"), identity);
        Assert.Equal("aws-cn", identity.Partition);
        Assert.Contains("/cn-north-1/iam/aws4_request", server.Requests[0].Authorization);
        Assert.Contains("/cn-northwest-1/sts/aws4_request", server.Requests[1].Authorization);
        Assert.Equal("GetCallerIdentity", server.Requests[1].Form["Action"]);
        Assert.Equal("AKIAFACTORY", await connection.GetCallerAccessKeyIdAsync());
    }

    [Fact]
    public void Missing_profile_option_fails_at_creation()
    {
        var ex = Assert.Throws<AwsProfileNotFoundException>(() =>
            AwsConnectionFactory.Create(new AwsConnectionOptions(Profile: "keywarden-no-such-profile-" + Guid.NewGuid().ToString("N")), _ => null));
        Assert.Equal(AwsFailureKind.ProfileNotFound, AwsErrorDescriber.Describe(ex)!.Kind);
    }

    [Fact]
    public async Task An_assume_role_chain_names_its_long_term_source_key_without_calling_sts()
    {
        var source = new BasicAWSCredentials("AKIASOURCEKEY0000001", "secret");
        var hop = new AssumeRoleAWSCredentials(source, "arn:aws:iam::111122223333:role/first", "s1");
        var chained = new AssumeRoleAWSCredentials(hop, "arn:aws:iam::111122223333:role/second", "s2");

        Assert.Equal(["AKIASOURCEKEY0000001"], await AwsConnection.SourceAccessKeyIdsAsync(hop, CancellationToken.None));
        Assert.Equal(["AKIASOURCEKEY0000001"], await AwsConnection.SourceAccessKeyIdsAsync(chained, CancellationToken.None));
        Assert.Empty(await AwsConnection.SourceAccessKeyIdsAsync(source, CancellationToken.None));
    }

    [Fact]
    public async Task Caller_key_ids_include_the_signing_key()
    {
        using var connection = AwsConnectionFactory.Create(new AwsConnectionOptions(EndpointUrl: "http://127.0.0.1:1"), _ => null, new BasicAWSCredentials("AKIASIGNING000000001", "secret"));
        Assert.Equal(["AKIASIGNING000000001"], await connection.GetCallerAccessKeyIdsAsync());
    }

    [Fact]
    public async Task A_throttling_burst_longer_than_the_sdk_default_is_ridden_out()
    {
        const string throttled = "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>";
        using var server = new StubAwsServer()
            .Respond(400, throttled).Respond(400, throttled).Respond(400, throttled).Respond(400, throttled)
            .Respond(200, "<ListUsersResponse><ListUsersResult><Users><member><UserName>alice</UserName></member></Users><IsTruncated>false</IsTruncated></ListUsersResult></ListUsersResponse>");
        var env = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = server.Url };
        using var connection = AwsConnectionFactory.Create(new AwsConnectionOptions(), n => env.GetValueOrDefault(n), new BasicAWSCredentials("AKIATHROTTLED", "secret"));

        var users = await connection.Iam.ListUsersAsync(new ListUsersRequest());

        Assert.Equal("alice", Assert.Single(users.Users).UserName);
        Assert.Equal(5, server.Requests.Count); // four throttled attempts: more than the SDK's default of three in all
    }
}
