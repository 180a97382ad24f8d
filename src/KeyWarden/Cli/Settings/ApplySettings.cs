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
    public int RecentUseGuardHours { get; init; } = 24;

    [CommandOption("--allow-recently-used")]
    [Description("Deactivate even keys used since the plan was made or within the recent-use guard.")]
    public bool AllowRecentlyUsed { get; init; }

    public string JournalPath => Journal ?? DefaultJournalPath(Plan);

    public static string DefaultJournalPath(string plan) =>
        Path.Combine(Path.GetDirectoryName(plan) ?? string.Empty, Path.GetFileNameWithoutExtension(plan) + ".journal.jsonl");

    // At most 100 years: TimeSpan.FromHours(int.MaxValue) overflows.
    public override ValidationResult Validate() =>
        RecentUseGuardHours is < 0 or > 876_000 ? ValidationResult.Error("--recent-use-guard must be between 0 and 876000 hours (100 years)") : base.Validate();
}
