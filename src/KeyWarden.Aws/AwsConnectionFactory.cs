using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.SecurityToken;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Organizations;
using KeyWarden.Aws.SecurityHub;
using KeyWarden.Aws.Sts;

namespace KeyWarden.Aws;

/// <summary>The one place that turns CLI-like options into AWS clients.</summary>
public static class AwsConnectionFactory
{
    /// <summary>
    /// Resolves profile, region, endpoints and retries (see <see cref="AwsSettingsResolver"/>) and builds the clients.
    /// Credentials: with <c>--profile</c>, that profile's (static, assume-role, SSO, process); otherwise the SDK's
    /// default chain (environment incl. session token, AWS_PROFILE / default profile, web identity, container, instance metadata).
    /// <paramref name="secretSink"/> receives the secret key and session token of the credentials each request signs
    /// with, so the caller can redact them from whatever it prints. Throws <see cref="AwsProfileNotFoundException"/>,
    /// <see cref="AwsUnknownRegionException"/> or <see cref="AwsConfigurationException"/> for unusable settings.
    /// </summary>
    public static AwsConnection Create(AwsConnectionOptions options, Func<string, string?>? getEnvironmentVariable = null, Action<string>? secretSink = null) =>
        Create(options, getEnvironmentVariable, credentials: null, secretSink);

    /// <summary>With <paramref name="credentials"/> given, they replace the profile/default-chain credentials (tests).</summary>
    internal static AwsConnection Create(AwsConnectionOptions options, Func<string, string?>? getEnvironmentVariable, AWSCredentials? credentials, Action<string>? secretSink = null)
    {
        var environment = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        try
        {
            return Build(options, environment, credentials, secretSink, exportRetries: getEnvironmentVariable == null);
        }
        catch (InvalidDataException e) when (AwsProfileFiles.DescribeMalformedLine(e, environment) is { } message)
        {
            // The SDK's message quotes the malformed line, which may be "aws_secret_access_key: SECRET": never kept.
            throw new AwsConfigurationException(message);
        }
    }

    private static AwsConnection Build(AwsConnectionOptions options, Func<string, string?> environment, AWSCredentials? credentials, Action<string>? secretSink, bool exportRetries)
    {
        var profiles = new CredentialProfileStoreChain();
        var settings = AwsSettingsResolver.Resolve(options, environment, name => FindProfile(profiles, name));
        if (exportRetries)
        {
            ExportRetries(settings);
        }

        if (credentials == null && settings.ProfileFromOption)
        {
            if (!profiles.TryGetAWSCredentials(settings.Profile, out credentials))
                throw new AwsConfigurationException($"profile '{settings.Profile}' has no usable credentials");
        }

        return Connect(settings, credentials, secretSink, hub: null);
    }

    /// <summary>
    /// The clients of one connection. <paramref name="credentials"/> null = the SDK's default chain. A role session
    /// (<paramref name="hub"/> set) gets the hub's settings: the same endpoints, region and retries.
    /// </summary>
    private static AwsConnection Connect(AwsResolvedSettings settings, AWSCredentials? credentials, Action<string>? secretSink, AwsConnection? hub)
    {
        var partition = settings.Partition;

        IamConfig NewIamConfig()
        {
            var config = new IamConfig { IgnoreConfiguredEndpointUrls = true };
            if (settings.IamEndpoint != null)
            {
                config.ServiceURL = settings.IamEndpoint;
                config.AuthenticationRegion = partition.IamSigningRegion;
            }
            else
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
            }

            ApplyRetries(config, settings);
            return config;
        }

        var iamConfig = NewIamConfig();
        // UpdateAccessKey goes through a client of its own whose requests never share a connection (see
        // FreshConnectionHttpClientFactory): a change is sent once, whatever happens to its answer.
        var changesConfig = NewIamConfig();
        changesConfig.HttpClientFactory = new Iam.Internal.FreshConnectionHttpClientFactory();

        // STS is regional: the --region's endpoint (SDK v4's default), for GetCallerIdentity and AssumeRole alike.
        var stsConfig = new AmazonSecurityTokenServiceConfig { IgnoreConfiguredEndpointUrls = true };
        if (settings.StsEndpoint != null)
        {
            stsConfig.ServiceURL = settings.StsEndpoint;
            stsConfig.AuthenticationRegion = settings.Region;
        }
        else
        {
            stsConfig.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }

        ApplyRetries(stsConfig, settings);

        var iam = credentials != null ? new IamClient(credentials, iamConfig) : new IamClient(iamConfig);
        iam.SecretSink = secretSink;
        var changes = credentials != null ? new IamClient(credentials, changesConfig) : new IamClient(changesConfig);
        changes.SecretSink = secretSink;
        iam.Changes = changes;
        var sts = credentials != null ? new CapturingStsClient(credentials, stsConfig, secretSink) : new CapturingStsClient(stsConfig, secretSink);
        return new AwsConnection(
            iam,
            iamConfig,
            sts,
            credentials,
            settings,
            () => NewOrganizationsClient(settings, credentials, secretSink),
            () => NewSecurityHubClient(settings, credentials, secretSink),
            (roleCredentials, from) => Connect(settings, roleCredentials, secretSink, from),
            secretSink,
            hub);
    }

    /// <summary>Organizations: global in most partitions (see OrganizationsEndpointProvider), IAM's retries.</summary>
    private static OrganizationsClient NewOrganizationsClient(AwsResolvedSettings settings, AWSCredentials? credentials, Action<string>? secretSink)
    {
        var config = new OrganizationsConfig { IgnoreConfiguredEndpointUrls = true };
        if (settings.OrganizationsEndpoint != null)
        {
            config.ServiceURL = settings.OrganizationsEndpoint;
            config.AuthenticationRegion = Organizations.Internal.OrganizationsEndpointProvider.ForRegion(settings.Region).SigningRegion;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }

        ApplyRetries(config, settings);
        var client = credentials != null ? new OrganizationsClient(credentials, config) : new OrganizationsClient(config);
        client.SecretSink = secretSink;
        return client;
    }

    /// <summary>Security Hub: regional, the connection's region (findings are imported there), IAM's retries.</summary>
    private static SecurityHubClient NewSecurityHubClient(AwsResolvedSettings settings, AWSCredentials? credentials, Action<string>? secretSink)
    {
        var config = new SecurityHubConfig { IgnoreConfiguredEndpointUrls = true };
        if (settings.SecurityHubEndpoint != null)
        {
            config.ServiceURL = settings.SecurityHubEndpoint;
            config.AuthenticationRegion = settings.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }

        ApplyRetries(config, settings);
        var client = credentials != null ? new SecurityHubClient(credentials, config) : new SecurityHubClient(config);
        client.SecretSink = secretSink;
        return client;
    }

    /// <summary>Attempts per IAM or STS call when neither AWS_MAX_ATTEMPTS nor the profile's max_attempts says.</summary>
    public const int DefaultMaxAttempts = AwsSettingsResolver.DefaultMaxAttempts;

    /// <summary>
    /// IAM's request rates are low and account-wide, so a whole-account audit meets throttling where one CLI call
    /// would not. Every call gets the resolved attempts (10 unless AWS_MAX_ATTEMPTS or the chosen profile's
    /// max_attempts says), with the SDK's exponential backoff and jitter (capped at 20 s) between them.
    /// The SDK's client-side retry quota (ThrottleRetries: a 500-token bucket shared by every client of one endpoint,
    /// 5 tokens a retry, 10 a timeout, 1 back per first-try success) is turned off: under sustained 25–30 %
    /// throttling it runs dry after some 100 outstanding retries, and from then on every throttled call fails at
    /// once whatever max_attempts says, which drops whole accounts. The load stays bounded by the attempts per call,
    /// the backoff and the tool's own --max-concurrency. Adaptive mode (retry_mode = adaptive / AWS_RETRY_MODE) adds
    /// the SDK's client-side send-rate limiting on top, as the user asked.
    /// </summary>
    internal static void ApplyRetries(ClientConfig config, AwsResolvedSettings settings)
    {
        config.MaxErrorRetry = settings.MaxAttempts - 1;
        config.RetryMode = settings.RetryMode == AwsSettingsResolver.AdaptiveRetryMode ? RequestRetryMode.Adaptive : RequestRetryMode.Standard;
        config.ThrottleRetries = false;
    }

    /// <summary>
    /// The STS client an assume-role profile's credentials use is built inside the SDK, from a fresh config that reads
    /// AWS_MAX_ATTEMPTS / AWS_RETRY_MODE (and AWS_PROFILE's profile, not --profile's). Setting them in this process, before
    /// any credential is resolved, gives that client the same attempts as IAM and STS here. Only the real process
    /// environment is touched, never an injected one (tests).
    /// </summary>
    private static void ExportRetries(AwsResolvedSettings settings)
    {
        Environment.SetEnvironmentVariable("AWS_MAX_ATTEMPTS", settings.MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable("AWS_RETRY_MODE", settings.RetryMode);
    }

    private static AwsProfileInfo? FindProfile(CredentialProfileStoreChain profiles, string name) =>
        profiles.TryGetProfile(name, out var profile)
            ? new AwsProfileInfo(profile.Name, profile.Region?.SystemName, profile.EndpointUrl, profile.MaxAttempts, profile.RetryMode?.ToString().ToLowerInvariant())
            : null;
}
