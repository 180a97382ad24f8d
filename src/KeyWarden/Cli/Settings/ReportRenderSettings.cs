using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

public sealed class ReportRenderSettings : CommonSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("A JSON report that `keywarden audit --format json` wrote.")]
    public string File { get; init; } = "";

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

    [CommandOption("-q|--quiet")]
    [Description("The table is only its summary line.")]
    public bool Quiet { get; init; }

    [CommandOption("--region <REGION>")]
    [Description("The region ASFF and OCSF findings name, as the audit's --region (else the partition's default).")]
    public string? Region { get; init; }

    /// <summary>The same choices audit takes, so the same validation and the same ReportOutput path write them.</summary>
    internal AuditSettings AsAuditSettings() => new()
    {
        Format = Format,
        Output = Output,
        OutputDir = OutputDir,
        All = All,
        Quiet = Quiet,
        Region = Region,
    };

    public override ValidationResult Validate()
    {
        var output = AsAuditSettings();
        var formats = output.Formats;
        if (formats.Count == 0)
        {
            return ValidationResult.Error("--format needs at least one format");
        }

        if (formats.Count > 1 && OutputDir is null)
        {
            return ValidationResult.Error("--format: several formats need --output-dir");
        }

        var known = ReportOutput.KnownFormats(Reports.ToolInfo.Current);
        var unknown = formats.Except(known).ToList();
        if (unknown.Count > 0)
        {
            return ValidationResult.Error($"--format: unknown format '{string.Join(", ", unknown)}'; known: {string.Join(", ", known)}");
        }

        if (Output is not null && OutputDir is not null)
        {
            return ValidationResult.Error("use either --output or --output-dir, not both");
        }

        if (!string.IsNullOrWhiteSpace(Region) && Common.AwsPartitionNames.OfRegion(Region) is null)
        {
            return ValidationResult.Error($"--region: unknown AWS region '{Region.Trim()}'");
        }

        return base.Validate();
    }
}
