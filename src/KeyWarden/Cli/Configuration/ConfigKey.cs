namespace KeyWarden.Cli.Configuration;

/// <summary>
/// One setting the config file may hold: named as the long option without its dashes. <paramref name="SectionOnly"/>
/// keys (format) differ in meaning between commands, so they are only taken inside a command's section.
/// <paramref name="YieldsTo"/> names command-line options that make this key not apply to the run (besides its own
/// option): an offline --credential-report does not reach AWS, so the file's role or accounts file do not apply.
/// <paramref name="SectionOnlyFor"/> names commands that take the key only from their own section: a top-level
/// <c>rules</c> meant for audit must not make <c>plan</c> deactivate unused keys.
/// </summary>
internal sealed record ConfigKey(
    string Name, ConfigValueKind Kind, bool SectionOnly = false, IReadOnlyList<string>? YieldsTo = null, IReadOnlyList<string>? SectionOnlyFor = null)
{
    public string Option => "--" + Name;
}
