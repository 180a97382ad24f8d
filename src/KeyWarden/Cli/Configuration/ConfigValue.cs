namespace KeyWarden.Cli.Configuration;

/// <summary>
/// One setting read from the config file: its key, the value as the option would be given on the command line
/// (a list comma-joined, a flag "true"/"false", a path as written), and the line it is on, for errors.
/// </summary>
internal sealed record ConfigValue(ConfigKey Key, string Text, int Line);
