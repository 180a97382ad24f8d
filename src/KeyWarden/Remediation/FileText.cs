using System.Globalization;
using System.Text;

namespace KeyWarden.Remediation;

/// <summary>
/// Values from a plan or journal quoted in an error: clipped, with control and format characters (newlines, ESC,
/// bidi overrides) shown as \uXXXX, so that a hostile file cannot turn the one-line error into several or into
/// terminal commands.
/// </summary>
internal static class FileText
{
    private const int MaxQuoted = 40;

    public static string Quoted(string? value) => value is null ? "(missing)" : Escaped(value.Length <= MaxQuoted ? value : value[..MaxQuoted] + "…");

    /// <summary>A parser's message, which may quote the rest of the file: cut to a sentence's length, escaped.</summary>
    public static string Message(string text) => Escaped(text.Length <= 200 ? text : text[..200] + "…");

    public static string Escaped(string text)
    {
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (NeedsEscape(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
