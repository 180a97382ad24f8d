using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

public sealed class ApplySettings : ChangeSettings
{
    [CommandArgument(0, "<PLAN>")]
    [Description("The plan file written by `keywarden plan`.")]
    public string Plan { get; init; } = "";

    [CommandOption("--journal <FILE>")]
    [Description("The change journal (default: next to the plan, <plan>.journal.jsonl).")]
    public string? Journal { get; init; }

    [CommandOption("--recent-use-guard <HOURS>")]
    [Description("Skip a key used within this many hours.")]
    [DefaultValue(24)]
    [AtMost("--recent-use-guard", 876_000, "hours (100 years)")]
    public int RecentUseGuardHours { get; init; } = 24;

    [CommandOption("--allow-recently-used")]
    [Description("Deactivate even keys used since the plan was made or within the recent-use guard.")]
    public bool AllowRecentlyUsed { get; init; }

    public string JournalPath => Journal ?? DefaultJournalPath(Plan);

    public static string DefaultJournalPath(string plan) =>
        Path.Combine(Path.GetDirectoryName(plan) ?? string.Empty, Path.GetFileNameWithoutExtension(plan) + ".journal.jsonl");

    public override ValidationResult Validate() =>
        RecentUseGuardHours < 0 ? ValidationResult.Error("--recent-use-guard must be 0 or more hours") : base.Validate();
}
