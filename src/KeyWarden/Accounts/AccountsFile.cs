using System.Text;
using KeyWarden.Common;

namespace KeyWarden.Accounts;

/// <summary>
/// Reads <c>--accounts-file</c> (docs/organizations.md "Selecting accounts"): either one 12-digit id per line with
/// <c>#</c> comments and blank lines, or YAML with an <c>accounts:</c> list of ids or of
/// <c>{ id, name?, role?, externalId? }</c>. A file whose first line that is neither blank nor a comment starts with a
/// digit is a list of ids; any other file is read as YAML. Strict on purpose: the file decides which accounts are read
/// (and, with plan/apply, changed), so a typo, a duplicate or a role in the wrong account is an error naming the line,
/// never an account silently dropped or read with the wrong role.
/// </summary>
public static class AccountsFile
{
    /// <summary>The largest file read (8 MiB): tens of thousands of entries fit, and anything else is refused unread.</summary>
    public const int MaxFileSize = 8 * 1024 * 1024;

    /// <summary>The most accounts one file names: above any organization's account quota, and a bound on the work.</summary>
    public const int MaxEntries = 50_000;

    public static IReadOnlyList<AccountTarget> Load(string path)
    {
        var shown = TerminalText.EscapeLine(path);
        if (path.Length == 0)
        {
            throw KeyWardenException.Input("accounts file: no path given");
        }

        if (Directory.Exists(path))
        {
            throw KeyWardenException.Input($"{shown}: is a directory, not an accounts file");
        }

        string text;
        try
        {
            text = ReadBounded(path, shown);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw KeyWardenException.Input($"{shown}: no such file", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // ArgumentException: a path the OS cannot name at all (an embedded NUL).
            throw KeyWardenException.Input($"{shown}: cannot read: {TerminalText.EscapeLine(e.Message)}", e);
        }

        return Parse(text, path);
    }

    /// <summary>Reads the text of an accounts file; <paramref name="displayName"/> starts every error ("FILE:LINE: problem").</summary>
    public static IReadOnlyList<AccountTarget> Parse(string text, string displayName)
    {
        var file = TerminalText.EscapeLine(displayName);
        if (text.Length > MaxFileSize)
        {
            throw KeyWardenException.Input($"{file}: larger than {MaxFileSize / 1024 / 1024} MiB; not an accounts file");
        }

        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        var entries = IsIdList(text) ? ReadIdList(text, file) : AccountsYamlReader.Read(text, file);
        return Checked(entries, file);
    }

    /// <summary>An error about one line of the file, in the "FILE:LINE: problem" shape editors and CI annotate.</summary>
    internal static KeyWardenException Error(string file, long? line, string problem, Exception? inner = null) =>
        KeyWardenException.Input(line is { } l && l > 0 ? $"{file}:{l}: {problem}" : $"{file}: {problem}", inner);

    private static bool IsIdList(string text)
    {
        foreach (var (content, _) in Lines(text))
        {
            var trimmed = content.Trim();
            if (trimmed.Length > 0 && trimmed[0] != '#')
            {
                return char.IsAsciiDigit(trimmed[0]);
            }
        }

        // Blank or only comments: an empty list of ids (a file of failures to retry can legitimately be empty).
        return true;
    }

    private static List<(AccountTarget Target, int Line)> ReadIdList(string text, string file)
    {
        var entries = new List<(AccountTarget, int)>();
        foreach (var (content, line) in Lines(text))
        {
            var hash = content.IndexOf('#');
            var id = (hash >= 0 ? content[..hash] : content).Trim();
            if (id.Length == 0)
            {
                continue;
            }

            if (!AccountIds.IsValid(id))
            {
                throw Error(file, line, $"{AccountIds.Echo(id)} is not a 12-digit account id (one id per line; a comment starts with #)");
            }

            entries.Add((new AccountTarget(id), line));
        }

        return entries;
    }

    // Duplicates and the entry bound are checked here once for both formats.
    private static IReadOnlyList<AccountTarget> Checked(List<(AccountTarget Target, int Line)> entries, string file)
    {
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var targets = new List<AccountTarget>(entries.Count);
        foreach (var (target, line) in entries)
        {
            if (targets.Count == MaxEntries)
            {
                throw Error(file, line, $"more than {MaxEntries} accounts");
            }

            if (!firstLine.TryAdd(target.AccountId, line))
            {
                throw Error(file, line, $"account {target.AccountId} is listed twice (first on line {firstLine[target.AccountId]})");
            }

            targets.Add(target);
        }

        return targets;
    }

    /// <summary>The file's lines with their 1-based numbers; CRLF, LF and a lone CR each end a line, as in YAML.</summary>
    private static IEnumerable<(string Content, int Line)> Lines(string text)
    {
        var line = 1;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                yield return (text[start..i], line++);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return (text[start..], line);
        }
    }

    // At most MaxFileSize bytes, UTF-8 or UTF-16 by its byte-order mark (invalid bytes then fail the id check).
    private static string ReadBounded(string path, string shown) =>
        Common.BoundedTextFile.Read(path, MaxFileSize)
        ?? throw KeyWardenException.Input($"{shown}: larger than {MaxFileSize / 1024 / 1024} MiB; not an accounts file");
}
