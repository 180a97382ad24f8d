namespace KeyWarden.Aws;

/// <summary>The settings of a shared-config profile that connection resolution reads.</summary>
public sealed record AwsProfileInfo(string Name, string? Region, string? EndpointUrl = null, int? MaxAttempts = null);
