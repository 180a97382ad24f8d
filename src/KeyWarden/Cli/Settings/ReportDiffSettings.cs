using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

public sealed class ReportDiffSettings : CommonSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("The older JSON report.")]
    public string Old { get; init; } = "";

    [CommandArgument(1, "<NEW_FILE>")]
    [Description("The newer JSON report.")]
    public string New { get; init; } = "";

    [CommandOption("-f|--format <FORMAT>")]
    [Description("table (default) or json.")]
    [DefaultValue("table")]
    public string Format { get; init; } = "table";

    [CommandOption("-o|--output <FILE>")]
    [Description("Write the diff to this file (atomically) instead of stdout.")]
    public string? Output { get; init; }

    public override ValidationResult Validate()
    {
        if (Format is not ("table" or "json"))
        {
            return ValidationResult.Error($"--format: must be table or json (got '{Format}')");
        }

        if (Directory.Exists(New))
        {
            return ValidationResult.Error($"<NEW_FILE>: '{New}' is a directory; give a file");
        }

        return base.Validate();
    }
}
