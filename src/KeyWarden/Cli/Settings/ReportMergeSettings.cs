using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

public sealed class ReportMergeSettings : CommonSettings
{
    [CommandArgument(0, "<REPORTS>")]
    [Description("Two or more JSON reports (of different accounts or shards).")]
    public string[] Reports { get; init; } = [];

    [CommandOption("-o|--output <FILE>")]
    [Description("Write the merged JSON report to this file instead of stdout.")]
    public string? Output { get; init; }

    [CommandOption("--latest")]
    [Description("An account in several reports: keep it from the newest one (by generatedAt) instead of failing.")]
    public bool Latest { get; init; }

    public override ValidationResult Validate()
    {
        if (Reports.Length < 2)
        {
            return ValidationResult.Error("<REPORTS>: give at least two reports to merge");
        }

        foreach (var path in Reports)
        {
            if (Directory.Exists(path))
            {
                return ValidationResult.Error($"<REPORTS>: '{path}' is a directory; give a file");
            }
        }

        return base.Validate();
    }
}
