namespace KeyWarden.Aws;

/// <summary>
/// Decides profile, region and endpoints the way the AWS CLI does. Pure: the environment and the shared
/// config files come in as functions, so precedence is testable without touching the process.
/// </summary>
public static class AwsSettingsResolver
{
    public const string DefaultRegion = "us-east-1";

    /// <summary>Attempts per IAM or STS call when neither AWS_MAX_ATTEMPTS nor the profile's max_attempts says.</summary>
    public const int DefaultMaxAttempts = 10;

    public const string StandardRetryMode = "standard";
    public const string AdaptiveRetryMode = "adaptive";

    /// <summary>More attempts than this is a typo, not a plan: with a 20 s backoff cap one call could take an hour.</summary>
    public const int MostMaxAttempts = 100;

    /// <param name="getEnvironmentVariable">Environment lookup (e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    /// <param name="findProfile">Returns the named profile, or null when no shared file defines it.</param>
    public static AwsResolvedSettings Resolve(AwsConnectionOptions options, Func<string, string?> getEnvironmentVariable, Func<string, AwsProfileInfo?> findProfile)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? Env(string name) => Blank(getEnvironmentVariable(name));

        // Profile: --profile, then AWS_PROFILE (AWS_DEFAULT_PROFILE is the CLI's older spelling).
        var optionProfile = Blank(options.Profile);
        var profileName = optionProfile ?? Env("AWS_PROFILE") ?? Env("AWS_DEFAULT_PROFILE");
        AwsProfileInfo? profile;
        if (profileName != null)
            profile = findProfile(profileName) ?? throw new AwsProfileNotFoundException(profileName);
        else
            profile = findProfile("default");

        // Region: --region, AWS_REGION, AWS_DEFAULT_REGION (the .NET SDK ignores this one), the profile's, else us-east-1.
        var (region, regionSource) =
            Blank(options.Region) is { } r1 ? (r1, "--region")
            : Env("AWS_REGION") is { } r2 ? (r2, "AWS_REGION")
            : Env("AWS_DEFAULT_REGION") is { } r3 ? (r3, "AWS_DEFAULT_REGION")
            : Blank(profile?.Region) is { } r4 ? (r4, $"profile {profile!.Name}")
            : (DefaultRegion, "default");
        AwsPartitions.ForKnownRegion(region);

        // Endpoint: --endpoint-url (every service: an emulator serves them all on one port), AWS_ENDPOINT_URL_<SERVICE>,
        // AWS_ENDPOINT_URL, the profile's endpoint_url, else the partition default. <SERVICE> is the service id as the
        // SDKs spell it for this variable: upper case, spaces as underscores (IAM, STS, ORGANIZATIONS, SECURITYHUB).
        var ignoreConfigured = string.Equals(Env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase);
        string? Endpoint(string service) =>
            Blank(options.EndpointUrl)
            ?? (ignoreConfigured ? null : Env("AWS_ENDPOINT_URL_" + service) ?? Env("AWS_ENDPOINT_URL") ?? Blank(profile?.EndpointUrl));

        // Retries: AWS_MAX_ATTEMPTS / AWS_RETRY_MODE, then the chosen profile's max_attempts / retry_mode (the profile
        // --profile names, not only AWS_PROFILE's or default's as the SDK alone would), else 10 attempts, standard mode.
        var (maxAttempts, attemptsSource) =
            Env("AWS_MAX_ATTEMPTS") is { } a1 ? (ParseAttempts(a1, "AWS_MAX_ATTEMPTS"), "AWS_MAX_ATTEMPTS")
            : profile?.MaxAttempts is { } a2 ? (CheckAttempts(a2, $"max_attempts in profile {profile.Name}"), $"profile {profile.Name}")
            : (DefaultMaxAttempts, "default");
        var retryMode =
            Env("AWS_RETRY_MODE") is { } m1 ? ParseRetryMode(m1, "AWS_RETRY_MODE")
            : Blank(profile?.RetryMode) is { } m2 ? ParseRetryMode(m2, $"retry_mode in profile {profile!.Name}")
            : StandardRetryMode;

        return new AwsResolvedSettings(
            profileName,
            optionProfile != null,
            region,
            regionSource,
            ValidateEndpoint(Endpoint("IAM")),
            ValidateEndpoint(Endpoint("STS")),
            maxAttempts,
            retryMode,
            attemptsSource,
            ValidateEndpoint(Endpoint(EndpointVariableSuffix("Organizations"))),
            ValidateEndpoint(Endpoint(EndpointVariableSuffix("SecurityHub"))));
    }

    /// <summary>
    /// The <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> suffix of a service's serviceId (botocore's service-2.json metadata:
    /// "IAM", "STS", "Organizations", "SecurityHub"): spaces and hyphens become underscores, letters upper case, as
    /// botocore's configprovider and the SDKs' shared-config spec derive it.
    /// </summary>
    public static string EndpointVariableSuffix(string serviceId) =>
        serviceId.Trim().Replace(' ', '_').Replace('-', '_').ToUpperInvariant();

    private static int ParseAttempts(string text, string setting) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? CheckAttempts(n, setting)
            : throw new AwsConfigurationException($"{setting}: '{text}' is not a whole number of attempts (1 to {MostMaxAttempts})");

    private static int CheckAttempts(int attempts, string setting) =>
        attempts is >= 1 and <= MostMaxAttempts
            ? attempts
            : throw new AwsConfigurationException($"{setting}: {attempts} attempts is out of range (1 to {MostMaxAttempts})");

    // "legacy" is what the AWS CLI v1 and older SDKs default to; SDK v4 has no legacy mode, so it means standard here.
    private static string ParseRetryMode(string text, string setting) => text.Trim().ToLowerInvariant() switch
    {
        "standard" or "legacy" => StandardRetryMode,
        "adaptive" => AdaptiveRetryMode,
        _ => throw new AwsConfigurationException($"{setting}: unknown retry mode '{text}' (standard, adaptive or legacy)"),
    };

    private static string? ValidateEndpoint(string? url)
    {
        if (url == null) return null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new AwsConfigurationException($"invalid endpoint URL '{url}': expected http://HOST[:PORT] or https://HOST[:PORT]");
        return url;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
