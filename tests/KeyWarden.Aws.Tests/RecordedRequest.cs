namespace KeyWarden.Aws.Tests;

/// <summary>A request <see cref="StubAwsServer"/> received, with its form body decoded.</summary>
public sealed record RecordedRequest(string Method, string ContentType, string Authorization, Dictionary<string, string> Form);
