using Amazon.Runtime;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;

namespace KeyWarden.Aws.Tests.Iam;

/// <summary>
/// A change is sent once: UpdateAccessKey is retried only after an answer that proves nothing happened
/// (throttling); a 5xx or a missing answer is reported as "no definitive answer" for the caller to read back,
/// never resent by the SDK. Reads keep their retries. Through the real pipeline of a connection, against the stub.
/// </summary>
public sealed class SingleSendTests
{
    private const string Throttled = "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>";
    private const string Failure = "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Receiver</Type><Code>ServiceFailure</Code><Message>internal</Message></Error><RequestId>r</RequestId></ErrorResponse>";
    private const string Denied = "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no</Message></Error><RequestId>r</RequestId></ErrorResponse>";
    private const string Updated = "<UpdateAccessKeyResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></UpdateAccessKeyResponse>";
    private const string Keys = "<ListAccessKeysResponse><ListAccessKeysResult><AccessKeyMetadata/><IsTruncated>false</IsTruncated></ListAccessKeysResult></ListAccessKeysResponse>";

    private static readonly UpdateAccessKeyRequest Deactivate = new() { UserName = "alice", AccessKeyId = "AKIAAAAAAAAAAAAAAAAA", Status = "Inactive" };

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_5xx_answer_to_UpdateAccessKey_is_not_resent_and_says_the_outcome_is_open(int status)
    {
        using var server = new StubAwsServer().Respond(status, Failure).Respond(200, Updated);
        using var connection = Connect(server);

        var e = await Assert.ThrowsAsync<IamNoDefinitiveAnswerException>(() => connection.Iam.UpdateAccessKeyAsync(Deactivate));

        Assert.Single(server.Requests);
        Assert.Contains("may or may not", e.Message, StringComparison.Ordinal);
        Assert.False(AwsRefusal.IsDefinitive(e));
        Assert.Equal(AwsFailureKind.Service, AwsErrorDescriber.Describe(e)!.Kind);
    }

    [Fact]
    public async Task Throttling_proves_nothing_happened_so_UpdateAccessKey_is_retried_until_it_is_answered()
    {
        using var server = new StubAwsServer().Respond(400, Throttled).Respond(400, Throttled).Respond(200, Updated);
        using var connection = Connect(server);

        await connection.Iam.UpdateAccessKeyAsync(Deactivate);

        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("UpdateAccessKey", r.Form["Action"]));
    }

    [Fact]
    public async Task A_refusal_stays_typed_and_is_sent_once()
    {
        using var server = new StubAwsServer().Respond(403, Denied);
        using var connection = Connect(server);

        await Assert.ThrowsAsync<AccessDeniedException>(() => connection.Iam.UpdateAccessKeyAsync(Deactivate));

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Reads_keep_their_retries_after_a_5xx()
    {
        using var server = new StubAwsServer().Respond(500, Failure).Respond(200, Keys);
        using var connection = Connect(server);

        await connection.Iam.ListAccessKeysAsync(new ListAccessKeysRequest { UserName = "alice" });

        Assert.Equal(2, server.Requests.Count);
    }

    private static AwsConnection Connect(StubAwsServer server)
    {
        var env = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = server.Url };
        return AwsConnectionFactory.Create(new AwsConnectionOptions(), n => env.GetValueOrDefault(n), new BasicAWSCredentials("AKIASINGLE", "single-secret"));
    }
}
