namespace KeyWarden.Aws.Tests;

/// <summary>
/// A request <see cref="StubAwsServer"/> received: its form body decoded (Query protocol; empty for JSON), the raw body,
/// the headers (case-insensitive) and the path.
/// </summary>
public sealed record RecordedRequest(
    string Method,
    string ContentType,
    string Authorization,
    Dictionary<string, string> Form,
    string Body = "",
    IReadOnlyDictionary<string, string>? Headers = null,
    string Path = "/")
{
    public string? Header(string name) => Headers != null && Headers.TryGetValue(name, out var value) ? value : null;
}
