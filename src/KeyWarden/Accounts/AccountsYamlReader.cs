using System.Text.RegularExpressions;
using KeyWarden.Common;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KeyWarden.Accounts;

/// <summary>
/// The YAML form of an accounts file, read event by event rather than through YamlDotNet's representation model: the
/// format is three levels deep (top mapping, list, entry), so anything deeper is refused at the event that opens it
/// and nothing hostile is ever built in memory (the exceptions file's BoundedYamlParser does the same job for a model;
/// its messages name the exceptions file, hence a reader of our own). Anchors, aliases and explicit tags are refused
/// as there, and duplicate keys are refused here since the event parser does not check them.
/// </summary>
internal sealed partial class AccountsYamlReader
{
    private static readonly string[] TopLevelKeys = ["version", "accounts"];
    private static readonly string[] EntryKeys = ["id", "name", "role", "externalId"];

    /// <summary>An account name is a label for reports; Organizations allows 50 characters, a file gets some room.</summary>
    private const int MaxNameLength = 256;

    // Plain scalars other YAML tools read as null or a boolean: refused or treated as empty, as in the exceptions file.
    private static readonly HashSet<string> PlainNull = new(StringComparer.Ordinal) { "", "~", "null", "Null", "NULL" };

    private static readonly HashSet<string> PlainBoolean = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n",
    };

    private readonly IParser _parser;
    private readonly string _file;
    private long _lastLine;

    private AccountsYamlReader(string text, string file)
    {
        _parser = new Parser(new StringReader(text));
        _file = file;
    }

    public static List<(AccountTarget Target, int Line)> Read(string text, string file)
    {
        var reader = new AccountsYamlReader(text, file);
        try
        {
            return reader.ReadStream();
        }
        catch (YamlException e)
        {
            throw AccountsFile.Error(file, e.Start.Line, $"not valid YAML: {OneLine(e.InnerException?.Message ?? e.Message)}", e);
        }
        catch (Exception e) when (e is not (KeyWardenException or OutOfMemoryException))
        {
            // YamlDotNet's scanner throws InvalidOperationException on some malformed input; whatever it throws while
            // reading, the file is not YAML we can read.
            throw AccountsFile.Error(file, reader._lastLine, $"not valid YAML: the YAML reader failed after this line ({e.GetType().Name})", e);
        }
    }

    private List<(AccountTarget, int)> ReadStream()
    {
        Expect<StreamStart>();
        var first = Next();
        if (first is StreamEnd)
        {
            throw Error(null, "empty file; expected account ids, one a line, or YAML with an 'accounts:' list");
        }

        Cast<DocumentStart>(first);
        var root = Next();
        if (root is Scalar scalar && scalar.Style == ScalarStyle.Plain && PlainNull.Contains(scalar.Value))
        {
            throw Error(null, "empty file; expected account ids, one a line, or YAML with an 'accounts:' list");
        }

        if (root is not MappingStart)
        {
            throw Error(root.Start.Line, "expected account ids, one a line, or YAML with an 'accounts:' list at the top level");
        }

        List<(AccountTarget, int)>? entries = null;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        ParsingEvent next;
        while ((next = Next()) is not MappingEnd)
        {
            var key = Key(next, TopLevelKeys, "at the top level");
            if (!keys.Add(key))
            {
                throw Error(next.Start.Line, $"duplicate key '{key}'");
            }

            var value = Next();
            if (key == "version")
            {
                if (Text(value, "version") != "1")
                {
                    throw Error(value.Start.Line, "version: only version 1 is supported");
                }
            }
            else
            {
                entries = ReadList(value);
            }
        }

        if (entries is null)
        {
            throw Error(root.Start.Line, "missing 'accounts' list");
        }

        Expect<DocumentEnd>();
        var after = Next();
        if (after is DocumentStart)
        {
            throw Error(after.Start.Line, "more than one YAML document");
        }

        Cast<StreamEnd>(after);
        return entries;
    }

    private List<(AccountTarget, int)> ReadList(ParsingEvent start)
    {
        var entries = new List<(AccountTarget, int)>();
        if (start is Scalar { Style: ScalarStyle.Plain } empty && PlainNull.Contains(empty.Value))
        {
            return entries;
        }

        if (start is not SequenceStart)
        {
            throw Error(start.Start.Line, "'accounts' must be a list of account ids or entries");
        }

        ParsingEvent next;
        while ((next = Next()) is not SequenceEnd)
        {
            var line = (int)next.Start.Line;
            switch (next)
            {
                case Scalar:
                    entries.Add((new AccountTarget(Id(next)), line));
                    break;
                case MappingStart:
                    entries.Add((ReadEntry(line), line));
                    break;
                default:
                    throw Error(line, "an account entry is an id or a mapping (id, name, role, externalId), not a list");
            }
        }

        return entries;
    }

    private AccountTarget ReadEntry(int line)
    {
        var fields = new Dictionary<string, ParsingEvent>(StringComparer.Ordinal);
        ParsingEvent next;
        while ((next = Next()) is not MappingEnd)
        {
            var key = Key(next, EntryKeys, "in an account entry");
            var value = Next();
            if (value is not Scalar)
            {
                // Refused at once: reading on would take the nested list's items for this entry's keys.
                throw Error(value.Start.Line, $"'{key}' must be a single value, not a list or mapping");
            }

            if (!fields.TryAdd(key, value))
            {
                throw Error(next.Start.Line, $"duplicate key '{key}'");
            }
        }

        var id = fields.TryGetValue("id", out var idValue) ? Id(idValue) : throw Error(line, "account entry is missing 'id'");
        var name = fields.TryGetValue("name", out var nameValue) ? Name(nameValue) : null;
        var externalId = fields.TryGetValue("externalId", out var externalIdValue) ? ExternalId(externalIdValue) : null;
        var (roleArn, roleName) = fields.TryGetValue("role", out var roleValue) ? Role(roleValue, id) : (null, null);
        return new AccountTarget(id, name, State: null, roleArn, externalId, roleName);
    }

    private string Key(ParsingEvent keyEvent, string[] allowed, string where)
    {
        if (keyEvent is not Scalar { Value: var key })
        {
            throw Error(keyEvent.Start.Line, $"a key {where} must be plain text, not a list or mapping");
        }

        if (!allowed.Contains(key))
        {
            throw Error(keyEvent.Start.Line, $"unknown key {AccountIds.Echo(key)} {where}; allowed: {string.Join(", ", allowed)}");
        }

        return key;
    }

    private string Id(ParsingEvent value)
    {
        var id = Text(value, "id");
        return AccountIds.IsValid(id) ? id : throw Error(value.Start.Line, $"{AccountIds.Echo(id)} is not a 12-digit account id");
    }

    private string Name(ParsingEvent value)
    {
        var name = Text(value, "name");
        if (name.Length > MaxNameLength || !IsOneLineOfText(name))
        {
            throw Error(value.Start.Line, $"name: {AccountIds.Echo(name)} is not one line of text of at most {MaxNameLength} characters");
        }

        return name;
    }

    private string ExternalId(ParsingEvent value)
    {
        var externalId = Text(value, "externalId");
        return RoleParameters.ExternalIdProblem(externalId) is { } problem ? throw Error(value.Start.Line, $"externalId: {problem}") : externalId;
    }

    // A role name (or path/name) is kept as a name, since its ARN needs the partition; a full ARN must be in this
    // entry's own account: a role elsewhere would read some other account's IAM under this account's id.
    private (string? Arn, string? Name) Role(ParsingEvent value, string accountId)
    {
        var role = Text(value, "role");
        var line = value.Start.Line;
        if (!role.StartsWith("arn:", StringComparison.Ordinal))
        {
            return RoleParameters.RoleNameProblem(role) is { } problem ? throw Error(line, $"role: {problem}") : (null, role.TrimStart('/'));
        }

        var arn = RoleArnPattern().Match(role);
        if (!arn.Success)
        {
            throw Error(line, $"role: {AccountIds.Echo(role)} is not a role ARN (arn:PARTITION:iam::{accountId}:role/NAME) or a role name");
        }

        var partition = arn.Groups["partition"].Value;
        if (!AwsPartitionNames.IsKnown(partition))
        {
            throw Error(line, $"role: unknown partition {AccountIds.Echo(partition)}; known: {string.Join(", ", AwsPartitionNames.All)}");
        }

        var inAccount = arn.Groups["account"].Value;
        if (inAccount != accountId)
        {
            throw Error(line, $"role: the ARN is a role in account {AccountIds.Echo(inAccount)}, not in this entry's account {accountId}");
        }

        var path = arn.Groups["role"].Value;
        if (RoleParameters.RoleNameProblem(path) is { } pathProblem)
        {
            throw Error(line, $"role: {pathProblem}");
        }

        return (role, null);
    }

    /// <summary>A single value as text: a list or mapping, an empty value and an unquoted YAML boolean are errors.</summary>
    private string Text(ParsingEvent value, string key)
    {
        if (value is not Scalar scalar)
        {
            throw Error(value.Start.Line, $"'{key}' must be a single value, not a list or mapping");
        }

        if (scalar.Style == ScalarStyle.Plain && PlainBoolean.Contains(scalar.Value))
        {
            throw Error(value.Start.Line, $"'{key}': {scalar.Value} is a YAML boolean, not text; quote it (\"{scalar.Value}\") if it is meant as text");
        }

        var text = scalar.Style == ScalarStyle.Plain && PlainNull.Contains(scalar.Value) ? string.Empty : scalar.Value.Trim();
        return text.Length > 0 ? text : throw Error(value.Start.Line, $"'{key}' is empty");
    }

    private ParsingEvent Next()
    {
        if (!_parser.MoveNext() || _parser.Current is not { } current)
        {
            throw Error(_lastLine, "not valid YAML: the file ends in the middle of the document");
        }

        _lastLine = current.Start.Line;
        return current switch
        {
            AnchorAlias alias => throw Error(alias.Start.Line, $"alias '*{alias.Value}': anchors and aliases are not supported in an accounts file; write each entry out"),
            NodeEvent { Anchor.IsEmpty: false } node => throw Error(node.Start.Line, $"anchor '&{node.Anchor}': anchors and aliases are not supported in an accounts file; write each entry out"),
            NodeEvent { Tag.IsEmpty: false } node when !IsPlainTag(node.Tag.Value) => throw Error(node.Start.Line, $"tag {AccountIds.Echo(node.Tag.Value)}: YAML tags are not supported in an accounts file; write the value as text"),
            _ => current,
        };
    }

    private void Expect<T>()
        where T : ParsingEvent => Cast<T>(Next());

    private void Cast<T>(ParsingEvent parsingEvent)
        where T : ParsingEvent
    {
        if (parsingEvent is not T)
        {
            throw Error(parsingEvent.Start.Line, $"not valid YAML here ({parsingEvent.GetType().Name})");
        }
    }

    // A name ends up in every report: no control, bidi or line-breaking characters, no half of a surrogate pair.
    private static bool IsOneLineOfText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (TerminalText.IsUnsafe(text[i]) || char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    // "!" is the non-specific tag a quoted scalar may carry; the core str/map/seq tags say nothing new.
    private static bool IsPlainTag(string tag) =>
        tag is "!" or "tag:yaml.org,2002:str" or "tag:yaml.org,2002:map" or "tag:yaml.org,2002:seq";

    private KeyWardenException Error(long? line, string problem) => AccountsFile.Error(_file, line, problem);

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"^arn:(?<partition>[^:]*):iam::(?<account>[^:]*):role/(?<role>.+)\z", RegexOptions.Singleline)]
    private static partial Regex RoleArnPattern();
}
