using System.Globalization;

namespace KeyWarden.Reports;

/// <summary>One timestamp format for every machine-readable output: ISO 8601 in UTC with a Z.</summary>
public static class Timestamps
{
    public static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? value) => value is { } v ? Format(v) : null;
}
