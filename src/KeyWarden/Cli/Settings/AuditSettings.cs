using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

public sealed class AuditSettings : AuditInputSettings
{
    [CommandOption("-f|--format <FORMATS>")]
    [Description("table (default), json, csv, html, ocsf, asff, junit; several, comma-separated, with --output-dir.")]
    [DefaultValue("table")]
    public string Format { get; init; } = "table";

    [CommandOption("-o|--output <FILE>")]
    [Description("Write the report to this file instead of stdout.")]
    public string? Output { get; init; }

    [CommandOption("--output-dir <DIR>")]
    [Description("Write one file per format (keywarden-report.<ext>) into this directory.")]
    public string? OutputDir { get; init; }

    [CommandOption("--all")]
    [Description("In the table, show passing findings too (failures first).")]
    public bool All { get; init; }

    [CommandOption("--color <WHEN>")]
    [Description("Colour in the table: auto (default: on a terminal, unless NO_COLOR is set), always, never.")]
    [DefaultValue("auto")]
    public string Color { get; init; } = "auto";

    [CommandOption("--security-hub")]
    [Description("Also import the findings (ASFF) into AWS Security Hub, each into its own account, in the run's region (docs/security-hub.md).")]
    public bool SecurityHub { get; init; }

    public IReadOnlyList<string> Formats =>
        Format.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(f => f.ToLowerInvariant()).ToList();

    public override ValidationResult Validate()
    {
        if (Formats.Count == 0)
        {
            return ValidationResult.Error("--format needs at least one format");
        }

        if (Formats.Count > 1 && OutputDir is null)
        {
            return ValidationResult.Error("--format: several formats need --output-dir");
        }

        var unknown = Formats.Except(ReportOutput.KnownFormats(Reports.ToolInfo.Current)).ToList();
        if (unknown.Count > 0)
        {
            return ValidationResult.Error($"--format: unknown format '{string.Join(", ", unknown)}'; known: {string.Join(", ", ReportOutput.KnownFormats(Reports.ToolInfo.Current))}");
        }

        if (Color is not ("auto" or "always" or "never"))
        {
            return ValidationResult.Error($"--color: must be auto, always or never (got '{Color}')");
        }

        if (Output is not null && OutputDir is not null)
        {
            return ValidationResult.Error("use either --output or --output-dir, not both");
        }

        return base.Validate();
    }
}
