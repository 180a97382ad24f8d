using KeyWarden.EmulatorTests.Infrastructure;

namespace KeyWarden.EmulatorTests.Cli;

/// <summary>
/// The real CLI process with hostile or missing AWS configuration: a malformed profile line holding a secret, no
/// credentials at all, an unknown region, an endpoint that echoes the session token back. None needs moto: every
/// endpoint is a closed port or a stub on 127.0.0.1.
/// </summary>
public sealed class SecretsAndConfigurationCliTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("keywarden-secrets-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>Nothing of the developer's or CI's AWS configuration: no keys, no files, no metadata service.</summary>
    private static Dictionary<string, string?> Isolated(string endpoint) => new()
    {
        ["AWS_ACCESS_KEY_ID"] = null,
        ["AWS_SECRET_ACCESS_KEY"] = null,
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_SECURITY_TOKEN"] = null,
        ["AWS_PROFILE"] = null,
        ["AWS_DEFAULT_PROFILE"] = null,
        ["AWS_REGION"] = "us-east-1",
        ["AWS_DEFAULT_REGION"] = null,
        ["AWS_ENDPOINT_URL"] = endpoint,
        ["AWS_ENDPOINT_URL_IAM"] = null,
        ["AWS_ENDPOINT_URL_STS"] = null,
        ["AWS_CONFIG_FILE"] = "/dev/null",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
        ["AWS_WEB_IDENTITY_TOKEN_FILE"] = null,
        ["AWS_ROLE_ARN"] = null,
        ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = null,
        ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = null,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_MAX_ATTEMPTS"] = "1",
    };

    [Theory]
    [InlineData("audit", "--source", "live")]
    [InlineData("audit", "--source", "live", "--debug")]
    [InlineData("audit", "--source", "auto", "--format", "json")]
    public async Task A_malformed_profile_line_is_named_by_file_and_number_and_its_secret_is_never_printed(params string[] args)
    {
        var secret = "kwMalformed" + Guid.NewGuid().ToString("N");
        var credentials = Path.Combine(directory, "credentials");
        await File.WriteAllTextAsync(credentials, $"[default]\naws_access_key_id = AKIAMALFORMED0000001\naws_secret_access_key: {secret}\n");
        var env = Isolated("http://127.0.0.1:1");
        env["AWS_SHARED_CREDENTIALS_FILE"] = credentials;
        // The credentials come from the environment: the malformed file still must not leak.
        env["AWS_ACCESS_KEY_ID"] = "AKIAFROMENVIRONMENT1";
        env["AWS_SECRET_ACCESS_KEY"] = "kwEnvironmentSecret" + Guid.NewGuid().ToString("N");

        var result = await KeywardenProcess.RunAsync(env, args);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"malformed line 3 in the AWS shared config/credentials file {credentials}", result.Stderr);
        Assert.DoesNotContain(secret, result.Stdout + result.Stderr);
        Assert.DoesNotContain(env["AWS_SECRET_ACCESS_KEY"]!, result.Stdout + result.Stderr);
        Assert.DoesNotContain("InvalidDataException: Line", result.Stderr);
    }

    [Fact]
    public async Task No_credentials_anywhere_is_the_tools_own_line_listing_the_places()
    {
        var result = await KeywardenProcess.RunAsync(Isolated("http://127.0.0.1:1"), "audit", "--source", "live");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("no AWS credentials found; looked in environment variables", result.Stderr);
        Assert.Contains("/dev/null", result.Stderr);
        Assert.Contains("instance metadata", result.Stderr);
        Assert.DoesNotContain("V4a", result.Stdout + result.Stderr);
        Assert.DoesNotContain("CrtIntegration", result.Stdout + result.Stderr);
    }

    [Theory]
    [InlineData("us-isox-east-1")]
    [InlineData("xx-foo-1")]
    public async Task An_unknown_region_is_refused_with_exit_2_before_any_request(string region)
    {
        using var echo = new HeaderEchoServer();
        var env = Isolated(echo.Url);
        env["AWS_ACCESS_KEY_ID"] = "AKIAREGION0000000001";
        env["AWS_SECRET_ACCESS_KEY"] = "kwRegionSecret" + Guid.NewGuid().ToString("N");

        var result = await KeywardenProcess.RunAsync(env, "audit", "--source", "live", "--region", region);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"keywarden: error: unknown AWS region '{region}'", result.Stderr);
        Assert.Empty(echo.ReceivedHeaders);
    }

    [Theory]
    [InlineData("--source", "live")]
    [InlineData("--source", "auto", "--debug")]
    public async Task An_endpoint_echoing_the_session_token_never_gets_it_into_the_report_or_the_terminal(params string[] extra)
    {
        using var echo = new HeaderEchoServer();
        var secret = "kwEchoSecret" + Guid.NewGuid().ToString("N");
        var token = "kwEchoToken" + Guid.NewGuid().ToString("N") + "/+=";
        var env = Isolated(echo.Url);
        env["AWS_ACCESS_KEY_ID"] = "ASIAECHO000000000001";
        env["AWS_SECRET_ACCESS_KEY"] = secret;
        env["AWS_SESSION_TOKEN"] = token;
        var report = Path.Combine(directory, "report.json");

        var result = await KeywardenProcess.RunAsync(env, ["audit", .. extra, "--format", "json", "--output", report]);
        var json = await File.ReadAllTextAsync(report);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains(echo.ReceivedHeaders, h => h.Contains(token, StringComparison.Ordinal)); // it was sent, and echoed
        Assert.Contains("[redacted]", json); // the echo reached sources[].error, redacted
        foreach (var output in new[] { result.Stdout, result.Stderr, json })
        {
            Assert.DoesNotContain(token, output);
            Assert.DoesNotContain(secret, output);
        }
    }

    [Fact]
    public async Task An_assume_role_profiles_sts_calls_get_the_named_profiles_max_attempts()
    {
        // The SDK builds that STS client itself and would read max_attempts from AWS_PROFILE's or default's profile
        // only (3 attempts here); KeyWarden gives it --profile's.
        const string throttled = "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>t</RequestId></ErrorResponse>";
        using var stub = new HeaderEchoServer(form => form.Contains("Action=AssumeRole", StringComparison.Ordinal) ? (400, throttled) : null);
        var config = Path.Combine(directory, "config");
        await File.WriteAllTextAsync(config,
            "[profile src]\naws_access_key_id = AKIASOURCE0000000001\naws_secret_access_key = kwSourceSecret" + Guid.NewGuid().ToString("N") + "\n"
            + "[profile audit]\nrole_arn = arn:aws:iam::111122223333:role/audit\nsource_profile = src\nmax_attempts = 4\n");
        var env = Isolated(stub.Url);
        env["AWS_CONFIG_FILE"] = config;
        env["AWS_MAX_ATTEMPTS"] = null;

        var result = await KeywardenProcess.RunAsync(env, "audit", "--source", "live", "--profile", "audit");

        var assumeRoles = stub.ReceivedBodies.Count(b => b.Contains("Action=AssumeRole", StringComparison.Ordinal));
        Assert.Equal(3, result.ExitCode);
        Assert.True(assumeRoles > 0 && assumeRoles % 4 == 0, $"{assumeRoles} AssumeRole requests; expected attempts in fours\n{result.Stderr}");
    }
}
