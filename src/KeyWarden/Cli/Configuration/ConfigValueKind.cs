namespace KeyWarden.Cli.Configuration;

/// <summary>What shape a config key's value takes, and so how it is checked and handed to the option.</summary>
internal enum ConfigValueKind
{
    /// <summary>A whole number (max-key-age: 30), range-checked by the option itself.</summary>
    WholeNumber,

    /// <summary>One value (benchmark: cis-5.0), checked by the option itself.</summary>
    Text,

    /// <summary>A file or directory: relative to the config file's directory, not the current one.</summary>
    Path,

    /// <summary>A YAML list or a comma-separated string (rules: [a, b] or rules: a,b), handed over comma-joined.</summary>
    List,

    /// <summary>true or false (treat-rotation-as-warning: true).</summary>
    Flag,
}
