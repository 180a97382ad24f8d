namespace KeyWarden.Cli.Configuration;

/// <summary>
/// A parsed config file: the settings at the top level (every command that takes the option) and those of each
/// command's section (that command only; they win over the top level). Nothing here has been applied yet.
/// </summary>
internal sealed record ConfigFile(string Path, IReadOnlyList<ConfigValue> Shared, IReadOnlyDictionary<string, IReadOnlyList<ConfigValue>> Sections)
{
    public static ConfigFile Empty(string path) => new(path, [], new Dictionary<string, IReadOnlyList<ConfigValue>>());

    /// <summary>The values that apply to the command of <paramref name="section"/>: its section's, then the shared ones it does not override.</summary>
    public IReadOnlyList<ConfigValue> For(string section, Func<ConfigKey, bool> commandTakes)
    {
        var own = Sections.TryGetValue(section, out var values) ? values : [];
        return own.Concat(Shared.Where(s => commandTakes(s.Key) && own.All(o => o.Key != s.Key) && !(s.Key.SectionOnlyFor?.Contains(section) ?? false))).ToList();
    }
}
