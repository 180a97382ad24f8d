using System.ComponentModel;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

public sealed class UndoSettings : ChangeSettings
{
    [CommandArgument(0, "<JOURNAL>")]
    [Description("The journal an apply wrote.")]
    public string Journal { get; init; } = "";
}
