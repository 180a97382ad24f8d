namespace KeyWarden.Cli.Help;

/// <summary>What a piece of help text is, so that colour (on a terminal only) can follow it.</summary>
public enum HelpStyle
{
    Plain,
    Heading,
    Name,
    Placeholder,
}
