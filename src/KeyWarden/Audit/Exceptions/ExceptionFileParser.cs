using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KeyWarden.Audit.Exceptions;

/// <summary>
/// Reads the YAML exceptions file (docs/reports.md "Exceptions file"). Strict on purpose: an exception hides a
/// finding from auditors, so a typo (an unknown key, a missing reason or expiry, a date that does not parse)
/// is an error rather than an entry that silently mutes too much or nothing.
/// </summary>
public static partial class ExceptionFileParser
{
    private static readonly string[] TopLevelKeys = ["version", "exceptions"];
    private static readonly string[] EntryKeys = ["account", "principal", "rule", "reason", "expires"];

    /// <summary>
    /// The largest exceptions file read (1 MiB, in bytes on disk and in characters here): thousands of entries fit,
    /// and a file that is not an exceptions file is refused before it is parsed.
    /// </summary>
    public const int MaxFileSize = 1024 * 1024;

    // Plain (unquoted) scalars that YAML 1.1/1.2 resolves to null or a boolean: as text they would silently become the
    // string "null" or "no" here and a different value in every other YAML tool, so they must be quoted to mean text.
    private static readonly HashSet<string> PlainNull = new(StringComparer.Ordinal) { "~", "null", "Null", "NULL" };

    private static readonly HashSet<string> PlainBoolean = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n",
    };

    public static ExceptionList Parse(string text, string fileName, IReadOnlyCollection<string> knownRules)
    {
        if (text.Length > MaxFileSize)
        {
            throw Error(fileName, null, $"larger than {MaxFileSize / 1024 / 1024} MiB; not an exceptions file");
        }

        var stream = new YamlStream();
        var parser = new BoundedYamlParser(new Parser(new StringReader(text)), fileName);
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw Error(fileName, e.Start.Line, $"not valid YAML: {OneLine(e.InnerException?.Message ?? e.Message)}", e);
        }
        catch (Exception e) when (e is not (ExceptionFileException or OutOfMemoryException))
        {
            // YamlDotNet's scanner throws InvalidOperationException on some malformed input (found by the property
            // tests); whatever the library throws while reading, the file is not YAML we can read.
            throw Error(fileName, parser.LastLine, $"not valid YAML: the YAML reader failed after this line ({e.GetType().Name})", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            throw Error(fileName, null, "empty file; expected a mapping with an 'exceptions' list");
        }

        if (stream.Documents.Count > 1)
        {
            throw Error(fileName, stream.Documents[1].RootNode.Start.Line, "more than one YAML document");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Error(fileName, stream.Documents[0].RootNode.Start.Line, "expected a mapping with an 'exceptions' list at the top level");
        }

        var top = Fields(root, TopLevelKeys, fileName, "top level");
        if (top.TryGetValue("version", out var version) && Scalar(version, "version", fileName) != "1")
        {
            throw Error(fileName, version.Start.Line, "version: only version 1 is supported");
        }

        if (!top.TryGetValue("exceptions", out var list))
        {
            throw Error(fileName, root.Start.Line, "missing 'exceptions' list");
        }

        if (list is YamlScalarNode { Value: null or "" })
        {
            return new ExceptionList(fileName, []);
        }

        if (list is not YamlSequenceNode sequence)
        {
            throw Error(fileName, list.Start.Line, "'exceptions' must be a list of entries");
        }

        var entries = sequence.Children.Select(node => Entry(node, fileName, knownRules)).ToList();
        return new ExceptionList(fileName, entries);
    }

    private static ExceptionEntry Entry(YamlNode node, string fileName, IReadOnlyCollection<string> knownRules)
    {
        var line = (int)node.Start.Line;
        if (node is not YamlMappingNode mapping)
        {
            throw Error(fileName, line, "an exception entry must be a mapping (principal, reason, expires, …)");
        }

        var fields = Fields(mapping, EntryKeys, fileName, "exception entry");
        string? Optional(string key) => fields.TryGetValue(key, out var value) ? NonEmpty(value, key, fileName) : null;
        string Required(string key) => Optional(key) ?? throw Error(fileName, line, $"exception entry is missing '{key}'");

        var principal = Required("principal");
        var reason = Required("reason");
        var expiresText = Required("expires");
        var account = Optional("account");
        var rule = Optional("rule");

        if (rule is not null && !knownRules.Contains(rule))
        {
            throw Error(fileName, (int)fields["rule"].Start.Line, $"unknown rule '{rule}'; known: {string.Join(", ", knownRules)}");
        }

        if (account is not null && !AccountPattern().IsMatch(account))
        {
            throw Error(fileName, (int)fields["account"].Start.Line, $"account '{account}' is not a 12-digit account id or a glob of one");
        }

        var (expiresAt, expires) = ParseExpiry(expiresText)
            ?? throw Error(fileName, (int)fields["expires"].Start.Line, $"expires '{expiresText}' is not a date (YYYY-MM-DD) or an ISO 8601 timestamp");

        return new ExceptionEntry(account, principal, rule, reason, expiresAt, expires, line);
    }

    /// <summary>
    /// A date covers that whole UTC day (expires at the next midnight); a timestamp expires at that instant
    /// (UTC when it has no offset). Returns the exclusive end and the text reports show.
    /// </summary>
    public static (DateTimeOffset ExpiresAt, string Display)? ParseExpiry(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            // 9999-12-31 has no next midnight: it covers up to the last representable instant (never expires in practice).
            var end = date == DateOnly.MaxValue
                ? DateTimeOffset.MaxValue
                : new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return (end, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (IsoTimestamp().IsMatch(text) && Reports.Timestamps.Parse(text) is { } instant)
        {
            return (instant, Reports.Timestamps.Format(instant));
        }

        return null;
    }

    private static Dictionary<string, YamlNode> Fields(YamlMappingNode mapping, string[] allowed, string fileName, string what)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = keyNode is YamlScalarNode { Value: { } k } ? k : string.Empty;
            if (!allowed.Contains(key))
            {
                throw Error(fileName, (int)keyNode.Start.Line, $"unknown key '{key}' in {what}; allowed: {string.Join(", ", allowed)}");
            }

            if (!fields.TryAdd(key, value))
            {
                throw Error(fileName, (int)keyNode.Start.Line, $"duplicate key '{key}'");
            }
        }

        return fields;
    }

    private static string Scalar(YamlNode node, string key, string fileName)
    {
        if (node is not YamlScalarNode { Value: { } value } scalar)
        {
            throw Error(fileName, (int)node.Start.Line, $"'{key}' must be a single value, not a list or mapping");
        }

        if (scalar.Style == ScalarStyle.Plain && PlainNull.Contains(value))
        {
            return string.Empty;
        }

        if (scalar.Style == ScalarStyle.Plain && PlainBoolean.Contains(value))
        {
            throw Error(fileName, (int)node.Start.Line, $"'{key}': {value} is a YAML boolean, not text; quote it (\"{value}\") if it is meant as text");
        }

        return value.Trim();
    }

    private static string? NonEmpty(YamlNode node, string key, string fileName)
    {
        var value = Scalar(node, key, fileName);
        return value.Length == 0 ? throw Error(fileName, (int)node.Start.Line, $"'{key}' is empty") : value;
    }

    private static ExceptionFileException Error(string fileName, long? line, string problem, Exception? inner = null) =>
        new(line is { } l && l > 0 ? $"{fileName}: line {l}: {problem}" : $"{fileName}: {problem}", inner);

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"^[0-9*?]{1,12}$")]
    private static partial Regex AccountPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex IsoTimestamp();
}
