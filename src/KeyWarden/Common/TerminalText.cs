using System.Globalization;
using System.Text;

namespace KeyWarden.Common;

/// <summary>
/// Makes text safe to show on a terminal. Data read from a credential report, an exceptions file, a plan or AWS
/// is under someone else's control: an ESC can retitle the window or erase lines, a bidi override (U+202E) can make
/// "gnp.exe" read as "exe.png", a CR can overwrite the start of a line. Such characters are shown as visible
/// <c>\uXXXX</c> escapes instead; machine formats (JSON, CSV, …) keep the data exact.
/// </summary>
/// <remarks>
/// Two modes, because a table cell holds one value while a message holds our own words around values:
/// <see cref="Escape"/> (values) also doubles every backslash, so a user literally named <c>a\u001b</c> shows as
/// <c>a\\u001b</c> and stays distinguishable from one whose name holds a real ESC (<c>a\u001b</c>);
/// <see cref="EscapeLine"/> (whole messages) escapes the same characters but leaves backslashes alone, so a path or a
/// value that an error message already escaped reads as written. A message is one line: line breaks are escaped too.
/// </remarks>
public static class TerminalText
{
    /// <summary>A value for a table cell or a line: unsafe characters escaped, backslashes doubled.</summary>
    public static string Escape(string? value) => Escape(value, doubleBackslash: true);

    /// <summary>A whole message line: unsafe characters escaped, backslashes kept as they are.</summary>
    public static string EscapeLine(string? message) => Escape(message, doubleBackslash: false);

    /// <summary>
    /// True for what a terminal must never receive raw from data: C0 controls (including TAB, CR and LF), DEL, C1
    /// controls, the bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), the line and paragraph
    /// separators U+2028/U+2029, and lone surrogate halves (not text; an encoder would replace them silently).
    /// </summary>
    public static bool IsUnsafe(char c) => c switch
    {
        < '\u0020' => true,
        >= '\u007f' and <= '\u009f' => true,
        '\u061c' or '\u200e' or '\u200f' or '\u2028' or '\u2029' => true,
        >= '\u202a' and <= '\u202e' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => false,
    };

    private static string Escape(string? text, bool doubleBackslash)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        if (!NeedsEscaping(text, doubleBackslash))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped.Append(c).Append(text[++i]);
            }
            else if (IsUnsafe(c) || char.IsSurrogate(c))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else if (c == '\\' && doubleBackslash)
            {
                escaped.Append(@"\\");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private static bool NeedsEscaping(string text, bool doubleBackslash)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsUnsafe(c) || (c == '\\' && doubleBackslash))
            {
                return true;
            }

            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return true;
            }
        }

        return false;
    }
}
