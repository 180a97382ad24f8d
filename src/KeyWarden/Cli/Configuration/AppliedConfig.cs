namespace KeyWarden.Cli.Configuration;

/// <summary>
/// A command line with a config file's values added, and which values those were: an error about an option the file
/// set names the file and line (FILE:LINE: max-key-age: must be at least 1 (got -3)), not an option nobody typed.
/// </summary>
internal sealed record AppliedConfig(string Path, string[] Arguments, IReadOnlyList<ConfigValue> Supplied)
{
    /// <summary>
    /// <paramref name="message"/> pointed at the file: one that starts with an option the file set becomes
    /// "FILE:LINE: key: …"; one that only mentions such an option (a combination) says where it was set.
    /// </summary>
    public string Attribute(string message)
    {
        foreach (var value in Supplied.OrderByDescending(v => v.Key.Option.Length))
        {
            var option = value.Key.Option;
            if (message.StartsWith(option, StringComparison.Ordinal) && message.Length > option.Length && message[option.Length] is ':' or ' ')
            {
                return $"{Path}:{value.Line}: {value.Key.Name}{message[option.Length..]}";
            }
        }

        var mentioned = Supplied.Where(v => Mentions(message, v.Key.Option)).ToList();
        return mentioned.Count == 0
            ? message
            : $"{message} ({string.Join(", ", mentioned.Select(v => $"{v.Key.Name} from {Path}:{v.Line}"))})";
    }

    private static bool Mentions(string message, string option)
    {
        for (var at = message.IndexOf(option, StringComparison.Ordinal); at >= 0; at = message.IndexOf(option, at + 1, StringComparison.Ordinal))
        {
            var end = at + option.Length;
            if (end == message.Length || !(char.IsLetterOrDigit(message[end]) || message[end] == '-'))
            {
                return true;
            }
        }

        return false;
    }
}
