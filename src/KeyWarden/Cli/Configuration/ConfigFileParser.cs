using System.Globalization;
using KeyWarden.Audit.Exceptions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KeyWarden.Cli.Configuration;

/// <summary>
/// Reads a config file (docs/configuration.md): text in, <see cref="ConfigFile"/> out, or one line "FILE:LINE: problem".
/// Strict like the exceptions file: a misspelt key would otherwise leave a threshold at its default without a word.
/// Values are checked for their shape here (a number, a list, true/false); what range or which names an option takes
/// is the option's own check, which applies when the value is used (see <see cref="ConfigArguments"/>).
/// </summary>
internal static class ConfigFileParser
{
    /// <summary>The largest config file read (64 KiB): a config file is a few dozen lines.</summary>
    public const int MaxFileSize = 64 * 1024;

    /// <summary>How much of a bad value an error quotes: enough to recognise, never a screenful.</summary>
    private const int MaxEcho = 60;

    private const string DuplicateKey = "Duplicate key ";

    private static readonly HashSet<string> PlainNull = new(StringComparer.Ordinal) { "~", "null", "Null", "NULL" };

    public static ConfigFile Parse(string text, string fileName)
    {
        if (text.Length > MaxFileSize)
        {
            throw Error(fileName, null, $"larger than {MaxFileSize / 1024} KiB; not a config file");
        }

        var stream = new YamlStream();
        var parser = new BoundedYamlParser(
            new Parser(new StringReader(text)), fileName, "a config file", "a config file is a mapping of settings, with one level of command sections",
            (line, problem) => Error(fileName, line, problem));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            // The model refuses a key given twice in one mapping itself; said as the other errors say it.
            var message = OneLine(e.InnerException?.Message ?? e.Message);
            throw Error(fileName, e.Start.Line, message.StartsWith(DuplicateKey, StringComparison.Ordinal)
                ? $"duplicate key '{message[DuplicateKey.Length..]}'"
                : $"not valid YAML: {message}", e);
        }
        catch (Exception e) when (e is not (ConfigFileException or OutOfMemoryException))
        {
            // As for the exceptions file: YamlDotNet throws other types on some malformed input.
            throw Error(fileName, parser.LastLine, $"not valid YAML: the YAML reader failed after this line ({e.GetType().Name})", e);
        }

        // Empty, or comments only: nothing is set (a team may start from the commented example).
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "", Style: ScalarStyle.Plain })
        {
            return ConfigFile.Empty(fileName);
        }

        if (stream.Documents.Count > 1)
        {
            throw Error(fileName, stream.Documents[1].RootNode.Start.Line, "more than one YAML document");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Error(fileName, stream.Documents[0].RootNode.Start.Line, "expected a mapping of settings (max-key-age: 90, …) at the top level");
        }

        var shared = new List<ConfigValue>();
        var sections = new Dictionary<string, IReadOnlyList<ConfigValue>>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var name = KeyName(keyNode, fileName);
            if (name == "version")
            {
                if (ScalarText(valueNode, name, fileName) != "1")
                {
                    throw Error(fileName, valueNode.Start.Line, "version: only version 1 is supported");
                }

                continue;
            }

            if (ConfigKeys.Sections.TryGetValue(name, out var settings))
            {
                sections[name] = Section(name, settings, valueNode, fileName);
                continue;
            }

            var key = ConfigKeys.Find(name);
            if (key is null || key.SectionOnly)
            {
                throw Error(fileName, keyNode.Start.Line, key is null
                    ? $"unknown key '{name}' (known: {string.Join(", ", ConfigKeys.All.Where(k => !k.SectionOnly).Select(k => k.Name).Concat(ConfigKeys.Sections.Keys))})"
                    : $"'{name}' differs between commands; set it in a command's section (audit: {{ {name}: … }})");
            }

            shared.Add(Value(key, valueNode, fileName));
        }

        return new ConfigFile(fileName, shared, sections);
    }

    private static List<ConfigValue> Section(string section, Type settings, YamlNode node, string fileName)
    {
        if (node is YamlScalarNode { Value: null or "", Style: ScalarStyle.Plain })
        {
            return [];
        }

        if (node is not YamlMappingNode mapping)
        {
            throw Error(fileName, node.Start.Line, $"{section}: expected a mapping of {section}'s settings");
        }

        var takes = ConfigKeys.All.Where(k => ConfigKeys.Takes(settings, k)).ToList();
        var values = new List<ConfigValue>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var name = KeyName(keyNode, fileName);
            if (takes.FirstOrDefault(k => k.Name == name) is not { } key)
            {
                throw Error(fileName, keyNode.Start.Line, ConfigKeys.Find(name) is null
                    ? $"{section}: unknown key '{name}' (known: {string.Join(", ", takes.Select(k => k.Name))})"
                    : $"{section}: '{name}' is not an option of {section.Replace('-', ' ')} (known: {string.Join(", ", takes.Select(k => k.Name))})");
            }

            values.Add(Value(key, valueNode, fileName));
        }

        return values;
    }

    // A key's own text is never echoed beyond its name, and never its value: an unknown key may be a credential
    // someone pasted (aws_secret_access_key: …), and its value must not reach a terminal or a CI log.
    private static string KeyName(YamlNode keyNode, string fileName) =>
        keyNode is YamlScalarNode { Value: { Length: > 0 } name }
            ? name.Length <= MaxEcho ? name : throw Error(fileName, keyNode.Start.Line, $"unknown key '{Echo(name)}'")
            : throw Error(fileName, keyNode.Start.Line, "a key must be a plain name (max-key-age, rules, …)");

    private static ConfigValue Value(ConfigKey key, YamlNode node, string fileName)
    {
        var line = (int)node.Start.Line;
        var text = key.Kind switch
        {
            ConfigValueKind.List => ListText(key, node, fileName),
            ConfigValueKind.WholeNumber => WholeNumber(key, ScalarText(node, key.Name, fileName), line, fileName),
            ConfigValueKind.Flag => Flag(key, ScalarText(node, key.Name, fileName), line, fileName),
            _ => ScalarText(node, key.Name, fileName),
        };
        if (text.Length == 0)
        {
            throw Error(fileName, line, $"{key.Name}: needs a value");
        }

        return new ConfigValue(key, text, line);
    }

    private static string WholeNumber(ConfigKey key, string text, int line, string fileName)
    {
        if (text.Length == 0)
        {
            return text;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            throw Error(fileName, line, $"{key.Name}: '{Echo(text)}' is not a number");
        }

        return number is > int.MaxValue or < int.MinValue
            ? throw Error(fileName, line, $"{key.Name}: {Echo(text)} is too large a number")
            : number.ToString(CultureInfo.InvariantCulture);
    }

    private static string Flag(ConfigKey key, string text, int line, string fileName) =>
        text.ToLowerInvariant() is "true" or "false" && text.Length > 0
            ? text.ToLowerInvariant()
            : text.Length == 0 ? text : throw Error(fileName, line, $"{key.Name}: '{Echo(text)}' is not true or false");

    private static string ListText(ConfigKey key, YamlNode node, string fileName)
    {
        var items = node switch
        {
            YamlSequenceNode sequence => sequence.Children.Select(item => ScalarText(item, key.Name, fileName)).ToList(),
            _ => [.. ScalarText(node, key.Name, fileName).Split(',')],
        };
        var trimmed = items.Select(i => i.Trim()).ToList();
        if (trimmed.Count > 0 && trimmed.Any(i => i.Length == 0 || i.Contains(',')))
        {
            throw Error(fileName, node.Start.Line, $"{key.Name}: an empty item, or an item with a comma in a list; give names like [a, b] or a,b");
        }

        return string.Join(',', trimmed);
    }

    private static string ScalarText(YamlNode node, string key, string fileName)
    {
        if (node is not YamlScalarNode { Value: { } value } scalar)
        {
            throw Error(fileName, node.Start.Line, node is YamlScalarNode
                ? $"{key}: needs a value"
                : $"{key}: must be a single value, not a {(node is YamlSequenceNode ? "list" : "mapping")}");
        }

        return scalar.Style == ScalarStyle.Plain && PlainNull.Contains(value) ? string.Empty : value.Trim();
    }

    private static string Echo(string value) => value.Length <= MaxEcho ? value : value[..MaxEcho] + "…";

    private static ConfigFileException Error(string fileName, long? line, string problem, Exception? inner = null) =>
        new(line is { } l && l > 0 ? $"{fileName}:{l}: {problem}" : $"{fileName}: {problem}", inner);

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
