using System.ComponentModel;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

/// <summary>Options of the commands that change AWS: apply and undo.</summary>
public class ChangeSettings : RoleSettings
{
    [CommandOption("-y|--yes")]
    [Description("Do not ask for confirmation. Required when there is no terminal to ask on.")]
    public bool Yes { get; init; }
}
