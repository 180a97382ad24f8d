namespace KeyWarden.Aws;

/// <summary>What the CLI's <c>--profile</c>, <c>--region</c> and <c>--endpoint-url</c> options said (null = not given).</summary>
public sealed record AwsConnectionOptions(string? Profile = null, string? Region = null, string? EndpointUrl = null);
