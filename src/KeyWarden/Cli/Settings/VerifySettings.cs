using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

public sealed class VerifySettings : RoleSettings
{
    [CommandArgument(0, "<PLAN_OR_JOURNAL>")]
    [Description("A plan file, or the journal an apply wrote.")]
    public string File { get; init; } = "";

    [CommandOption("-f|--format <FORMAT>")]
    [Description("table (default), json or junit (one test case per verified user, a failure when it did not pass).")]
    [DefaultValue("table")]
    public string Format { get; init; } = "table";

    [CommandOption("-o|--output <FILE>")]
    [Description("Write the result to this file (atomically) instead of stdout.")]
    public string? Output { get; init; }

    [CommandOption("--all")]
    [Description("Verify every user of the plan's or journal's accounts (ListUsers), not only the plan's: any with more than one active key fails.")]
    public bool All { get; init; }

    public static readonly string[] Formats = ["table", "json", "junit"];

    public override ValidationResult Validate() =>
        Formats.Contains(Format) ? base.Validate() : ValidationResult.Error($"--format: must be table, json or junit (got '{Format}')");
}
