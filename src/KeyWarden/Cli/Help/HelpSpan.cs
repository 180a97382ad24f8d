namespace KeyWarden.Cli.Help;

/// <summary>A run of help text that is never broken across lines (a word, a name, "[default: table]").</summary>
public sealed record HelpSpan(string Text, HelpStyle Style = HelpStyle.Plain);
