using System.ComponentModel;
using KeyWarden.Remediation;
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

    /// <summary>The largest --recent-use-guard (100 years).</summary>
    public const int MaxRecentUseGuardHours = 876_000;

    [CommandOption("--allow-recently-used")]
    [Description("Deactivate even keys used since the plan was made or within the recent-use guard.")]
    public bool AllowRecentlyUsed { get; init; }

    [CommandOption("--dry-run")]
    [Description("Read and check everything (every live read and precondition), show what would happen; change nothing, write no journal.")]
    public bool DryRun { get; init; }

    [CommandOption("--keep-going")]
    [Description("Go on with the remaining steps after UpdateAccessKey is refused for lack of permission (default: stop there; the rest are reported as not attempted).")]
    public bool KeepGoing { get; init; }

    [CommandOption("--max-plan-age <AGE>")]
    [Description("Refuse a plan made longer ago than this (hours or days: 36h, 7d).")]
    [DefaultValue(PlanChecks.DefaultMaxPlanAge)]
    public string MaxPlanAge { get; init; } = PlanChecks.DefaultMaxPlanAge;

    [CommandOption("--max-changes <N>")]
    [Description("Deactivate at most N keys in this run (over all accounts); the steps after are skipped, and a later apply goes on. Default: no limit.")]
    public int? MaxChanges { get; init; }

    [CommandOption("--principal <GLOB>")]
    [Description("Carry out only the steps of these users (IAM user name globs, * and ?, case-insensitive; repeatable). Default: every step.")]
    public string[] Principals { get; init; } = [];

    [CommandOption("--step <ID>")]
    [Description("Carry out only these steps (stepId; repeatable). With --principal, a step must match both.")]
    public string[] Steps { get; init; } = [];

    public TimeSpan MaxPlanAgeSpan => PlanChecks.ParseAge(MaxPlanAge) ?? throw KeyWardenException.Usage($"--max-plan-age: '{MaxPlanAge}' is not an age such as 36h or 7d");

    public string JournalPath => Journal ?? DefaultJournalPath(Plan);

    public static string DefaultJournalPath(string plan) =>
        Path.Combine(Path.GetDirectoryName(plan) ?? string.Empty, Path.GetFileNameWithoutExtension(plan) + ".journal.jsonl");

    public override ValidationResult Validate()
    {
        // A bound rather than an overflow: TimeSpan.FromHours(int.MaxValue) throws.
        if (OptionRange.First(
                OptionRange.Check("--recent-use-guard", RecentUseGuardHours, 0, MaxRecentUseGuardHours, "hours (100 years)"),
                OptionRange.Check("--max-changes", MaxChanges, 1, int.MaxValue)) is { } outOfRange)
        {
            return outOfRange;
        }

        if (PlanChecks.ParseAge(MaxPlanAge) is null)
        {
            return ValidationResult.Error($"--max-plan-age: '{MaxPlanAge}' is not an age such as 36h or 7d (a whole number of hours or days, at most 100 years)");
        }

        return base.Validate();
    }
}
