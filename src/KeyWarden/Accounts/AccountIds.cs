using KeyWarden.Common;

namespace KeyWarden.Accounts;

/// <summary>The one 12-digit check every way of naming an account goes through, and how a rejected value is echoed.</summary>
internal static class AccountIds
{
    // Organizations' AccountId shape is ^\d{12}$; in .NET \d also matches other scripts' digits, so ASCII only.
    public static bool IsValid(string? value) => value is { Length: 12 } && value.All(char.IsAsciiDigit);

    /// <summary>The longest piece of a rejected value echoed in an error; the rest is summarised by its length.</summary>
    private const int MaxEcho = 80;

    /// <summary>A rejected value as an error shows it: quoted, control characters escaped, cut when long.</summary>
    public static string Echo(string value)
    {
        var shown = value.Length <= MaxEcho ? value : value[..MaxEcho] + $"… ({value.Length} characters)";
        return $"'{TerminalText.Escape(shown)}'";
    }
}
