using System.Net;
using System.Text;

namespace KeyWarden.Reports.Html;

/// <summary>What every part of the HTML page writes text with: escaping, a definition row, the one timestamp format.</summary>
internal static class HtmlText
{
    /// <summary>HTML-escapes text for element content and double-quoted attributes.</summary>
    /// <remarks>
    /// HTML cannot carry control characters other than whitespace (a raw one is a parse error, a numeric reference
    /// to U+0080–U+009F is read as windows-1252), so a hostile name's ESC or C1 is shown as a visible \uXXXX escape;
    /// everything else, bidi characters included, is kept exact. The embedded JSON keeps the exact data.
    /// </remarks>
    public static string H(string? text) => WebUtility.HtmlEncode(VisibleControls(text ?? string.Empty));

    public static void Row(StringBuilder html, string name, string value) =>
        html.Append("<dt>").Append(H(name)).Append("</dt><dd>").Append(H(value)).Append("</dd>");

    /// <summary>The page's one timestamp format: the machine formats' ISO 8601 with a Z, which the findings' messages use too.</summary>
    public static string Time(DateTimeOffset value) => Timestamps.Format(value);

    private static string VisibleControls(string text) =>
        text.Any(IsHtmlControl)
            ? string.Concat(text.Select(c => IsHtmlControl(c) ? $"\\u{(int)c:x4}" : c.ToString()))
            : text;

    private static bool IsHtmlControl(char c) =>
        (c < ' ' && c is not ('\t' or '\n' or '\r' or '\f')) || c is >= '\u007f' and <= '\u009f';
}
