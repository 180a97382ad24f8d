using Amazon.Runtime;
using KeyWarden.Aws.Iam.Model;

namespace KeyWarden.Aws.Tests;

/// <summary>Profile-file errors name file and line only; the files' and the requests' secrets reach the redactor.</summary>
public sealed class AwsProfileFilesTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("keywarden-profiles-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private Func<string, string?> Files(string credentials, string config = "")
    {
        var credentialsPath = Path.Combine(directory, "credentials");
        var configPath = Path.Combine(directory, "config");
        File.WriteAllText(credentialsPath, credentials);
        File.WriteAllText(configPath, config);
        return name => name switch
        {
            "AWS_SHARED_CREDENTIALS_FILE" => credentialsPath,
            "AWS_CONFIG_FILE" => configPath,
            _ => null,
        };
    }

    [Fact]
    public void A_malformed_line_is_named_by_file_and_number_never_by_its_text()
    {
        var env = Files("[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key: MALFORMED-LINE-SECRET-1\n");
        var sdkError = new InvalidDataException("Line 3:<aws_secret_access_key: MALFORMED-LINE-SECRET-1>");

        var message = AwsProfileFiles.DescribeMalformedLine(new AmazonClientException("wrapped", sdkError), env)!;

        Assert.Contains("line 3", message);
        Assert.Contains(Path.Combine(directory, "credentials"), message);
        Assert.DoesNotContain(Path.Combine(directory, "config"), message);
        Assert.DoesNotContain("MALFORMED-LINE-SECRET-1", message);
        Assert.DoesNotContain("aws_secret_access_key", message);
    }

    [Fact]
    public void Secret_values_are_read_from_the_environment_and_leniently_from_both_files()
    {
        var files = Files(
            "[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key: COLON-SECRET-VALUE\n[other]\naws_session_token=FILE-TOKEN-VALUE\n",
            "[profile x]\nregion = eu-west-1\naws_secret_access_key = CONFIG-SECRET-VALUE\n");
        Func<string, string?> env = name => name == "AWS_SESSION_TOKEN" ? "ENV-TOKEN-VALUE" : files(name);

        var values = AwsProfileFiles.SecretValues(env);

        Assert.Equal(["ENV-TOKEN-VALUE", "COLON-SECRET-VALUE", "FILE-TOKEN-VALUE", "CONFIG-SECRET-VALUE"], values);
        Assert.DoesNotContain("AKIAEXAMPLE", values);
        Assert.DoesNotContain("eu-west-1", values);
    }

    [Fact]
    public async Task Each_requests_secret_key_and_token_reach_the_sink_for_an_endpoint_that_echoes_headers()
    {
        using var server = new StubAwsServer { EchoHeaders = true };
        var env = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = server.Url, ["AWS_MAX_ATTEMPTS"] = "1" };
        var captured = new List<string>();
        const string token = "ECHOED-SESSION-TOKEN-0123456789";
        using var connection = AwsConnectionFactory.Create(new AwsConnectionOptions(), n => env.GetValueOrDefault(n),
            new SessionAWSCredentials("ASIAECHO", "ECHO-SECRET-KEY-0123456789", token), captured.Add);

        var iamError = await Assert.ThrowsAnyAsync<Exception>(() => connection.Iam.ListUsersAsync(new ListUsersRequest()));
        var stsError = await Assert.ThrowsAnyAsync<Exception>(() => connection.Sts.GetCallerIdentityAsync());

        // The endpoint did echo the token: exactly why every output passes through the redactor.
        Assert.Contains(token, AwsErrorDescriber.Describe(iamError)!.OneLineMessage);
        Assert.Contains(token, AwsErrorDescriber.Describe(stsError)!.OneLineMessage);
        Assert.Contains("ECHO-SECRET-KEY-0123456789", captured);
        Assert.Contains(token, captured);
    }
}
