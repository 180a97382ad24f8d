namespace KeyWarden.Cli.Configuration;

/// <summary>
/// Applies a config file to one command line, as options: each value the command takes, whose option is not on the
/// command line, is added as if typed (--max-key-age 30). So the command line wins over the file and the file over the
/// built-in default without any settings class knowing about the file, and a value from the file meets exactly the
/// checks a typed one does. Pure: arguments and file in, arguments out.
/// </summary>
internal static class ConfigArguments
{
    /// <summary>The command word(s) of <paramref name="args"/> as a section name (audit, report-render), or null.</summary>
    public static string? SectionOf(IReadOnlyList<string> args)
    {
        var words = args.TakeWhile(a => a != "--").Where(a => !a.StartsWith('-')).Take(2).ToList();
        return words switch
        {
            ["report", var sub, ..] => "report-" + sub,
            [var command, ..] when command != "report" => command,
            _ => null,
        };
    }

    public static AppliedConfig Apply(IReadOnlyList<string> args, ConfigFile file, string section, string configDirectory)
    {
        if (!ConfigKeys.Commands.TryGetValue(section, out var settings))
        {
            return new AppliedConfig(file.Path, [.. args], []);
        }

        var spellings = ConfigKeys.Spellings(settings);
        var given = args.TakeWhile(a => a != "--").Where(a => a.StartsWith('-')).ToList();
        bool OnCommandLine(string option) =>
            (spellings.TryGetValue(option.TrimStart('-'), out var all) ? all : [option])
                .Any(s => given.Any(g => g == s || (s.StartsWith("--", StringComparison.Ordinal) && (g.StartsWith(s + "=", StringComparison.Ordinal) || g.StartsWith(s + ":", StringComparison.Ordinal)))));

        var added = new List<string>();
        var supplied = new List<ConfigValue>();
        foreach (var value in file.For(section, key => ConfigKeys.Takes(settings, key)))
        {
            var key = value.Key;
            if (OnCommandLine(key.Option) || (key.YieldsTo ?? []).Any(OnCommandLine))
            {
                continue;
            }

            // A flag is given with its value (--treat-rotation-as-warning true): Spectre takes one, and so the command
            // line can turn off what the file turned on.
            var text = key.Kind == ConfigValueKind.Path ? Resolve(value.Text, configDirectory) : value.Text;
            added.Add(key.Option);
            added.Add(text);
            supplied.Add(value);
        }

        // Options go before a "--" (after it everything is an argument), else at the end: positional arguments stay put.
        var separator = args.ToList().IndexOf("--");
        var merged = separator < 0 ? [.. args, .. added] : args.Take(separator).Concat(added).Concat(args.Skip(separator)).ToArray();
        return new AppliedConfig(file.Path, merged, supplied);
    }

    // Relative to the config file, so a file committed at the root of a repository means the same from any directory.
    private static string Resolve(string path, string configDirectory) =>
        System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.GetFullPath(System.IO.Path.Combine(configDirectory, path));
}
