using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

namespace KeyWarden.Common;

/// <summary>
/// The one filter every message KeyWarden prints or writes passes through: errors, terminal notes, report fields,
/// plan and journal lines. It removes the process's own secret access keys and session tokens wherever they appear
/// (an endpoint or a credential_process may echo them back) and the text of AWS profile-file lines the SDK quotes
/// in its errors ("Line 3:&lt;aws_secret_access_key: …&gt;"). Fed at the edges: the environment and the shared
/// profile files at start-up, the credentials each AWS request signs with as they are resolved.
/// </summary>
public sealed partial class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "[redacted]";

    /// <summary>
    /// Shorter values are not taken as secrets: real secret keys have 40 characters and session tokens hundreds, and
    /// masking a short word ("test") everywhere would garble output without protecting anything.
    /// </summary>
    public const int ShortestSecret = 8;

    private readonly object gate = new();
    private string[] patterns = [];

    /// <summary>The redactor of this process, fed with its own credentials.</summary>
    public static SecretRedactor Process { get; } = new();

    /// <summary>Adds a secret; its JSON-, HTML- and URL-encoded spellings are removed too. Short or blank values are ignored.</summary>
    public void Add(string? secret)
    {
        var value = secret?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length < ShortestSecret) return;
        var spellings = new[] { value, JavaScriptEncoder.Default.Encode(value), HtmlEncoder.Default.Encode(value), Uri.EscapeDataString(value) };
        lock (gate)
        {
            var known = new HashSet<string>(patterns, StringComparer.Ordinal);
            var added = false;
            foreach (var spelling in spellings) added |= known.Add(spelling);
            if (!added) return;
            // Longest first, so a token containing a shorter secret is removed whole.
            patterns = [.. known.OrderByDescending(p => p.Length).ThenBy(p => p, StringComparer.Ordinal)];
        }
    }

    public void AddRange(IEnumerable<string> secrets)
    {
        foreach (var secret in secrets) Add(secret);
    }

    /// <summary>The text with every known secret and every quoted profile-file line removed.</summary>
    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var current = Volatile.Read(ref patterns);
        foreach (var pattern in current)
        {
            if (text.Contains(pattern, StringComparison.Ordinal)) text = text.Replace(pattern, Mask, StringComparison.Ordinal);
        }

        return text.Contains("Line ", StringComparison.Ordinal) ? ProfileLine().Replace(text, "Line ${number}:<line text not shown>") : text;
    }

    /// <summary>Null stays null (optional fields).</summary>
    public string? RedactOptional(string? text) => text is null ? null : Redact(text);

    [GeneratedRegex(@"Line (?<number>\d+):\s*<[^\r\n]*>")]
    private static partial Regex ProfileLine();
}
