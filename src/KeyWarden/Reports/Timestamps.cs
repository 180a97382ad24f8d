using System.Globalization;

namespace KeyWarden.Reports;

/// <summary>One timestamp format for every machine-readable output: ISO 8601 in UTC with a Z.</summary>
public static class Timestamps
{
    public static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? value) => value is { } v ? Format(v) : null;

    /// <summary>Reads an ISO 8601 timestamp; one without an offset is taken as UTC. Null when it is not one.</summary>
    public static DateTimeOffset? Parse(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;

    /// <summary>An AWS SDK timestamp (unmarshalled as UTC, or local on some paths) as a UTC instant.</summary>
    /// <summary>The instant cut to the whole second: how reports and plans write instants (IAM may report fractions).</summary>
    public static DateTimeOffset WholeSeconds(DateTimeOffset at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), at.Offset);

    public static DateTimeOffset FromSdk(DateTime value) =>
        new(DateTime.SpecifyKind(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value, DateTimeKind.Utc));
}
