namespace KeyWarden.Aws;

/// <summary>
/// Decides profile, region and endpoints the way the AWS CLI does. Pure: the environment and the shared
/// config files come in as functions, so precedence is testable without touching the process.
/// </summary>
public static class AwsSettingsResolver
{
    public const string DefaultRegion = "us-east-1";

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

        // Endpoint: --endpoint-url, AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's endpoint_url, else the partition default.
        var ignoreConfigured = string.Equals(Env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase);
        string? Endpoint(string service) =>
            Blank(options.EndpointUrl)
            ?? (ignoreConfigured ? null : Env("AWS_ENDPOINT_URL_" + service) ?? Env("AWS_ENDPOINT_URL") ?? Blank(profile?.EndpointUrl));

        return new AwsResolvedSettings(
            profileName,
            optionProfile != null,
            region,
            regionSource,
            ValidateEndpoint(Endpoint("IAM")),
            ValidateEndpoint(Endpoint("STS")));
    }

    private static string? ValidateEndpoint(string? url)
    {
        if (url == null) return null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new AwsConfigurationException($"invalid endpoint URL '{url}': expected http://HOST[:PORT] or https://HOST[:PORT]");
        return url;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
