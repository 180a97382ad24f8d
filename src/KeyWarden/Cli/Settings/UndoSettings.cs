using System.ComponentModel;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

public sealed class UndoSettings : ChangeSettings
{
    [CommandArgument(0, "<JOURNAL>")]
    [Description("The journal an apply wrote.")]
    public string Journal { get; init; } = "";

    [CommandOption("--principal <GLOB>")]
    [Description("Put back only the keys of these users (IAM user name globs, * and ?, case-insensitive; repeatable). Default: every key the journal records.")]
    public string[] Principals { get; init; } = [];

    [CommandOption("--step <ID>")]
    [Description("Put back only the keys of these plan steps (stepId; repeatable). With --principal, a key must match both.")]
    public string[] Steps { get; init; } = [];
}
