using System.Net.Http;
using System.Text;
using Amazon.Runtime;
using Amazon.SecurityToken;
using KeyWarden.Aws;
using KeyWarden.Aws.Iam;

namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>One moto instance: clients for it, auth switching, and the environment for running <c>keywarden</c> against it.</summary>
public class MotoServer
{
    public const string Region = "us-east-1";

    public MotoServer(string url) => Url = url.TrimEnd('/');

    public string Url { get; }

    /// <summary>The product IAM client with static keys; <paramref name="maxErrorRetry"/> 0 keeps failing tests fast.</summary>
    public IamClient CreateIamClient(MotoCredentials? credentials = null, int maxErrorRetry = 0) =>
        new(Basic(credentials), new IamConfig { ServiceURL = Url, AuthenticationRegion = Region, MaxErrorRetry = maxErrorRetry });

    public RawIamClient CreateRawIamClient(MotoCredentials? credentials = null) =>
        new(Basic(credentials), new IamConfig { ServiceURL = Url, AuthenticationRegion = Region, MaxErrorRetry = 0 });

    public AmazonSecurityTokenServiceClient CreateStsClient(MotoCredentials? credentials = null) =>
        new(Basic(credentials), new AmazonSecurityTokenServiceConfig { ServiceURL = Url, AuthenticationRegion = Region, MaxErrorRetry = 0 });

    /// <summary>An <see cref="AwsConnection"/> as the tool builds it, with these keys and this endpoint.</summary>
    public AwsConnection CreateConnection(MotoCredentials? credentials = null) =>
        AwsConnectionFactory.Create(new AwsConnectionOptions(EndpointUrl: Url, Region: Region), _ => null, Basic(credentials));

    /// <summary>
    /// Environment for a <c>keywarden</c> (or <c>aws</c>) child process: these keys, this endpoint, and nothing
    /// from the developer's own AWS configuration.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ProcessEnvironment(MotoCredentials? credentials = null)
    {
        var c = credentials ?? MotoCredentials.Anonymous;
        return new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = c.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = c.SecretAccessKey,
            ["AWS_SESSION_TOKEN"] = null,
            ["AWS_PROFILE"] = null,
            ["AWS_DEFAULT_PROFILE"] = null,
            ["AWS_REGION"] = Region,
            ["AWS_DEFAULT_REGION"] = Region,
            ["AWS_ENDPOINT_URL"] = Url,
            ["AWS_ENDPOINT_URL_IAM"] = null,
            ["AWS_ENDPOINT_URL_STS"] = null,
            ["AWS_CONFIG_FILE"] = "/dev/null",
            ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
    }

    /// <summary>Auth on: every later request is SigV4-verified and policy-checked. Off: anything goes.</summary>
    public async Task SetAuthAsync(bool enabled, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        // moto reads the body as INITIAL_NO_AUTH_ACTION_COUNT: 0 enforces auth now, infinity never.
        using var content = new StringContent(enabled ? "0" : "inf", Encoding.UTF8, "text/plain");
        using var response = await http.PostAsync(Url + "/moto-api/reset-auth", content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static BasicAWSCredentials Basic(MotoCredentials? credentials)
    {
        var c = credentials ?? MotoCredentials.Anonymous;
        return new BasicAWSCredentials(c.AccessKeyId, c.SecretAccessKey);
    }
}
