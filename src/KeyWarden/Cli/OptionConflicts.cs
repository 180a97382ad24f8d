using System.Reflection;
using Spectre.Console.Cli;

namespace KeyWarden.Cli;

/// <summary>
/// Refuses, before anything runs, what Spectre.Console.Cli accepts silently: a single-value option given twice
/// (it keeps the last one: <c>--credential-report A --credential-report B</c> would audit B, two <c>--profile</c>s
/// the second account) and options that contradict each other (an offline <c>--credential-report</c> with
/// <c>--source</c>, or with how to reach AWS: <c>--profile</c>, <c>--endpoint-url</c>, <c>--max-concurrency</c>;
/// <c>--region</c> stays allowed offline, it names the region OCSF/ASFF findings carry). One line naming both, exit 2.
/// Also a whole-number option whose value is not a number: Spectre says only "Failed to convert 'abc' to Int32", naming
/// neither the option nor what it expects, so it is refused here first: <c>--max-key-age: 'abc' is not a number</c>.
/// Which options exist and which repeat (an array property) is read from the command's settings class, so an option
/// added there is covered without a change here.
/// </summary>
internal static class OptionConflicts
{
    private const string CredentialReport = "--credential-report";

    /// <summary>Options that make no sense with an offline credential report.</summary>
    private static readonly string[] OnlineOnly =
    [
        "--source", "--profile", "--endpoint-url", "--max-concurrency",
        "--org", "--ou", "--accounts", "--accounts-file", "--exclude-accounts", "--shard", "--max-accounts",
        "--role-name", "--external-id", "--role-session-name", "--role-duration",
    ];

    private sealed record OptionInfo(string Name, IReadOnlyList<string> Aliases, bool TakesValue, bool Repeatable, bool IsWholeNumber);

    public static void Check(IReadOnlyList<string> args)
    {
        var commandIndex = FirstCommand(args);
        if (commandIndex < 0 || SettingsFor(args[commandIndex]) is not { } settingsType)
        {
            return;
        }

        var options = OptionsOf(settingsType);
        var seen = new Dictionary<string, (string Token, string? Value)>(StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal); // repeatable ones too

        for (var i = commandIndex + 1; i < args.Count; i++)
        {
            var token = args[i];
            if (token == "--")
            {
                break;
            }

            if (!token.StartsWith('-') || token.Length < 2)
            {
                continue;
            }

            var separator = token.StartsWith("--", StringComparison.Ordinal) ? token.IndexOfAny(['=', ':']) : -1;
            var name = separator > 0 ? token[..separator] : token;
            if (options.FirstOrDefault(o => o.Aliases.Contains(name)) is not { } option)
            {
                continue; // unknown: strict parsing reports it
            }

            string? value = null;
            if (option.TakesValue)
            {
                value = separator > 0 ? token[(separator + 1)..] : i + 1 < args.Count ? args[++i] : null;
            }

            if (option.IsWholeNumber)
            {
                CheckWholeNumber(option.Name, value);
            }

            present.Add(option.Name);
            if (option.Repeatable)
            {
                continue;
            }

            if (seen.TryGetValue(option.Name, out var first))
            {
                throw KeyWardenException.Usage(option.TakesValue
                    ? $"{option.Name} is given twice ({first.Token} {first.Value}, {name} {value}); it takes one value: give it once"
                    : $"{option.Name} is given twice ({first.Token}, {name}): give it once");
            }

            seen[option.Name] = (name, value);
        }

        if (seen.ContainsKey(CredentialReport))
        {
            foreach (var online in OnlineOnly.Where(present.Contains))
            {
                throw KeyWardenException.Usage(online == "--source"
                    ? $"{CredentialReport} and --source cannot be used together: {CredentialReport} audits an offline file, --source chooses how to read AWS"
                    : $"{CredentialReport} and {online} cannot be used together: {CredentialReport} audits an offline file without calling AWS, {online} says how to reach AWS");
            }
        }
    }

    private static void CheckWholeNumber(string option, string? value)
    {
        // A missing value: Spectre would take the next token, or report "__default_command" for none.
        if (value is null || value.StartsWith("--", StringComparison.Ordinal))
        {
            throw KeyWardenException.Usage($"{option}: needs a number");
        }

        if (!long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            throw KeyWardenException.Usage($"{option}: '{value}' is not a number");
        }

        if (number is > int.MaxValue or < int.MinValue)
        {
            throw KeyWardenException.Usage($"{option}: {value} is too large a number");
        }
    }

    // Global options before the command (e.g. --debug) are skipped; the first plain word is the command.
    private static int FirstCommand(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith('-'))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The settings class of the command named <paramref name="command"/> (FooCommand is "foo"), or null.</summary>
    private static Type? SettingsFor(string command) =>
        typeof(OptionConflicts).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && string.Equals(t.Name, command.Replace("-", "", StringComparison.Ordinal) + "Command", StringComparison.OrdinalIgnoreCase))
            .Select(SettingsTypeOf)
            .FirstOrDefault(t => t is not null);

    private static Type? SettingsTypeOf(Type command)
    {
        for (var type = command.BaseType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericArguments() is [var settings] && typeof(CommandSettings).IsAssignableFrom(settings))
            {
                return settings;
            }
        }

        return null;
    }

    private static List<OptionInfo> OptionsOf(Type settingsType) =>
        settingsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<CommandOptionAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p =>
            {
                var aliases = p.Attribute!.LongNames.Select(n => "--" + n).Concat(p.Attribute.ShortNames.Select(n => "-" + n)).ToList();
                var type = p.Property.PropertyType;
                var takesValue = p.Attribute.ValueName is not null && !(type == typeof(bool) || type == typeof(bool?));
                var repeatable = type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() is var g
                    && (g == typeof(IReadOnlyList<>) || g == typeof(List<>) || g == typeof(IList<>) || g == typeof(IEnumerable<>)));
                var wholeNumber = takesValue && (type == typeof(int) || type == typeof(int?));
                return new OptionInfo(aliases.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal)) ?? aliases[0], aliases, takesValue, repeatable, wholeNumber);
            })
            .ToList();
}
