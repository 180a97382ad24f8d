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
    [Description("table (default) or json.")]
    [DefaultValue("table")]
    public string Format { get; init; } = "table";

    public override ValidationResult Validate() =>
        Format is "table" or "json" ? base.Validate() : ValidationResult.Error("--format must be table or json");
}
