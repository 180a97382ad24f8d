using System.Globalization;
using Amazon.Runtime.Internal.Transform;

namespace KeyWarden.Aws.Iam.Model.Internal.MarshallTransformations;

/// <summary>Scalar parsing that tolerates the emulator's spellings (moto writes <c>False</c>).</summary>
internal static class IamXmlValues
{
    public static string String(XmlUnmarshallerContext context) => context.ReadText() ?? "";

    public static bool Bool(XmlUnmarshallerContext context)
    {
        var text = context.ReadText()?.Trim();
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase)) return true;
        if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase)) return false;
        throw new FormatException($"'{text}' at {context.CurrentPath} is not a boolean.");
    }

    public static int Int(XmlUnmarshallerContext context) =>
        int.Parse(context.ReadText().Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 timestamp as UTC (<see cref="DateTimeKind.Utc"/>).</summary>
    public static DateTime DateTimeUtc(XmlUnmarshallerContext context) => ParseDateTimeUtc(context.ReadText());

    public static DateTime ParseDateTimeUtc(string text) =>
        DateTime.Parse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
