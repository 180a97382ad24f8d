namespace KeyWarden.Aws;

/// <summary>The settings of a shared-config profile that connection resolution reads.</summary>
/// <param name="RetryMode">The profile's <c>retry_mode</c> (<c>standard</c>, <c>adaptive</c>, <c>legacy</c>), as written.</param>
public sealed record AwsProfileInfo(string Name, string? Region, string? EndpointUrl = null, int? MaxAttempts = null, string? RetryMode = null);
