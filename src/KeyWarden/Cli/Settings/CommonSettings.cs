using System.ComponentModel;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

/// <summary>Options every command has.</summary>
public class CommonSettings : CommandSettings
{
    [CommandOption("--debug")]
    [Description("On error, also print the exception's stack trace (never secrets) to stderr.")]
    public bool Debug { get; init; }
}
