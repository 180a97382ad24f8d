namespace KeyWarden.Aws;

/// <summary>
/// Where a connection goes. <paramref name="IamEndpoint"/>/<paramref name="StsEndpoint"/> are null when the
/// partition default applies. <paramref name="RegionSource"/> says which setting chose the region (for diagnostics).
/// </summary>
public sealed record AwsResolvedSettings(
    string? Profile,
    bool ProfileFromOption,
    string Region,
    string RegionSource,
    string? IamEndpoint,
    string? StsEndpoint);
