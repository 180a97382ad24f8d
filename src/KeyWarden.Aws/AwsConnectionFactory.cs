using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.SecurityToken;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Sts;

namespace KeyWarden.Aws;

/// <summary>The one place that turns CLI-like options into AWS clients.</summary>
public static class AwsConnectionFactory
{
    /// <summary>
    /// Resolves profile, region and endpoints (see <see cref="AwsSettingsResolver"/>) and builds the clients.
    /// Credentials: with <c>--profile</c>, that profile's (static, assume-role, SSO, process); otherwise the SDK's
    /// default chain (environment incl. session token, AWS_PROFILE / default profile, web identity, container, instance metadata).
    /// Throws <see cref="AwsProfileNotFoundException"/> or <see cref="AwsConfigurationException"/> for unusable settings.
    /// </summary>
    public static AwsConnection Create(AwsConnectionOptions options, Func<string, string?>? getEnvironmentVariable = null) =>
        Create(options, getEnvironmentVariable, credentials: null);

    /// <summary>With <paramref name="credentials"/> given, they replace the profile/default-chain credentials (tests).</summary>
    internal static AwsConnection Create(AwsConnectionOptions options, Func<string, string?>? getEnvironmentVariable, AWSCredentials? credentials)
    {
        var profiles = new CredentialProfileStoreChain();
        var settings = AwsSettingsResolver.Resolve(options, getEnvironmentVariable ?? Environment.GetEnvironmentVariable, name => FindProfile(profiles, name));

        if (credentials == null && settings.ProfileFromOption)
        {
            if (!profiles.TryGetAWSCredentials(settings.Profile, out credentials))
                throw new AwsConfigurationException($"profile '{settings.Profile}' has no usable credentials");
        }

        var iamConfig = new IamConfig { IgnoreConfiguredEndpointUrls = true };
        if (settings.IamEndpoint != null)
        {
            iamConfig.ServiceURL = settings.IamEndpoint;
            iamConfig.AuthenticationRegion = IamPartition.ForRegion(settings.Region).SigningRegion;
        }
        else
        {
            iamConfig.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }

        var profile = settings.Profile is { } name ? FindProfile(profiles, name) : null;
        ApplyRetryDefaults(iamConfig, getEnvironmentVariable ?? Environment.GetEnvironmentVariable, profile);

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

        var iam = credentials != null ? new IamClient(credentials, iamConfig) : new IamClient(iamConfig);
        var sts = credentials != null ? new AmazonSecurityTokenServiceClient(credentials, stsConfig) : new AmazonSecurityTokenServiceClient(stsConfig);
        return new AwsConnection(iam, iamConfig, new StsCallerIdentityClient(sts), credentials, settings);
    }

    /// <summary>Attempts per IAM call when neither AWS_MAX_ATTEMPTS nor the profile's max_attempts says.</summary>
    public const int DefaultMaxAttempts = 10;

    /// <summary>
    /// IAM's request rates are low and account-wide, so a whole-account audit meets throttling where one CLI call
    /// would not: unless the user chose (AWS_MAX_ATTEMPTS, or max_attempts in the profile, which the SDK then
    /// applies itself), allow more attempts, with the SDK's standard backoff and jitter between them. The retry
    /// mode is left to the SDK: .NET's adaptive mode gives up with "capacity could not be obtained" after a
    /// throttling burst (seen against a stub here), which is worse than waiting.
    /// </summary>
    internal static void ApplyRetryDefaults(ClientConfig config, Func<string, string?> environment, AwsProfileInfo? profile)
    {
        if (string.IsNullOrEmpty(environment("AWS_MAX_ATTEMPTS")) && profile?.MaxAttempts is null)
        {
            config.MaxErrorRetry = DefaultMaxAttempts - 1;
        }
    }

    private static AwsProfileInfo? FindProfile(CredentialProfileStoreChain profiles, string name) =>
        profiles.TryGetProfile(name, out var profile)
            ? new AwsProfileInfo(profile.Name, profile.Region?.SystemName, profile.EndpointUrl, profile.MaxAttempts)
            : null;
}
