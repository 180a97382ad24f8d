using System.Globalization;
using System.Text.Json;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace KeyWarden.Aws.Organizations.Model.Internal.MarshallTransformations;

/// <summary>
/// A JSON 1.1 timestamp: epoch seconds with a fraction (<c>1.481830215219E9</c>), read as a decimal so that the
/// milliseconds AWS sends come out exact (the SDK's double-based reader is off by a tick); a string is read as
/// ISO 8601 or as epoch seconds. Null when absent or null. Always UTC.
/// </summary>
public sealed class EpochSecondsUnmarshaller : IJsonUnmarshaller<DateTime?, JsonUnmarshallerContext>
{
    public static EpochSecondsUnmarshaller Instance { get; } = new();

    public DateTime? Unmarshall(JsonUnmarshallerContext context, ref StreamingUtf8JsonReader reader)
    {
        context.Read(ref reader);
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetDecimal(out var seconds):
                return FromSeconds(seconds);
            case JsonTokenType.Number when reader.TryGetDouble(out var approximate):
                return FromSeconds((decimal)approximate);
            case JsonTokenType.String:
                var text = reader.GetString();
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) return FromSeconds(parsed);
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso)) return iso.UtcDateTime;
                throw new FormatException($"'{text}' is not a timestamp");
            default:
                throw new FormatException($"a timestamp cannot be a JSON {reader.TokenType}");
        }
    }

    private static DateTime FromSeconds(decimal seconds) =>
        DateTime.SpecifyKind(DateTime.UnixEpoch.AddTicks((long)decimal.Round(seconds * TimeSpan.TicksPerSecond)), DateTimeKind.Utc);
}
