using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

public sealed class CheckAccessSettings : FleetSettings
{
    [CommandOption("--for-remediation")]
    [Description("Also check that apply may call iam:UpdateAccessKey (probed on a user that does not exist: nothing is changed).")]
    public bool ForRemediation { get; init; }

    [CommandOption("-f|--format <FORMAT>")]
    [Description("table (default) or json.")]
    [DefaultValue("table")]
    public string Format { get; init; } = "table";

    [CommandOption("-o|--output <FILE>")]
    [Description("Write the result there (atomically) instead of stdout.")]
    public string? Output { get; init; }

    [CommandOption("--failures-file <FILE>")]
    [Description("Write the ids of the accounts that failed, one per line: pass it as --accounts-file to re-check (or audit) only those.")]
    public string? FailuresFile { get; init; }

    public override ValidationResult Validate() =>
        Format is "table" or "json" ? base.Validate() : ValidationResult.Error($"--format: must be table or json (got '{Format}')");
}
