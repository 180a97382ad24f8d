using System.ComponentModel;
using KeyWarden.Audit;
using KeyWarden.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

/// <summary>Where the inventory comes from and the thresholds the rule uses: shared by audit and plan.</summary>
public class AuditInputSettings : FleetSettings
{
    [CommandOption("--credential-report <FILE>")]
    [Description("Audit an offline credential-report CSV instead of calling AWS. Keys are named by slot (slot:1, slot:2).")]
    public string? CredentialReport { get; init; }

    [CommandOption("--source <SOURCE>")]
    [Description("auto (default): credential report finds candidates, their keys are re-read live; live: every user read live; credential-report: the account's report only.")]
    [DefaultValue("auto")]
    public string Source { get; init; } = "auto";

    [CommandOption("--max-key-age <DAYS>")]
    [Description("Keys at least this old are not \"less than 90 days old\" in the CIS sense.")]
    [DefaultValue(90)]
    public int MaxKeyAgeDays { get; init; } = 90;

    [CommandOption("--in-use-days <DAYS>")]
    [Description("A key used within this many days is operational.")]
    [DefaultValue(30)]
    public int InUseDays { get; init; } = 30;

    [CommandOption("--rotation-grace-days <DAYS>")]
    [Description("A second key younger than this, with the older key still in use, is a rotation in progress.")]
    [DefaultValue(7)]
    public int RotationGraceDays { get; init; } = 7;

    [CommandOption("--treat-rotation-as-warning")]
    [Description("Report a rotation in progress as WARN instead of FAIL.")]
    public bool TreatRotationAsWarning { get; init; }

    [CommandOption("--exceptions <FILE>")]
    [Description("YAML file of accepted exceptions (principal/account globs, reason, expires): a matching FAIL or WARN becomes MUTED until the entry expires.")]
    public string? Exceptions { get; init; }

    [CommandOption("--principal <GLOB>")]
    [Description("Only these principals (IAM user name globs, * and ?, case-insensitive; repeatable). Default: all.")]
    public string[] Principals { get; init; } = [];

    [CommandOption("--as-of <TIMESTAMP>")]
    [Description("Evaluate as of this instant (ISO 8601, e.g. 2026-01-31T00:00:00Z). Default: now.")]
    public string? AsOf { get; init; }

    public static readonly string[] Sources = ["auto", "live", "credential-report"];

    /// <summary>The largest day count a threshold takes (100 years).</summary>
    public const int MaxDays = 36_500;

    public AuditParameters ToParameters() => new(MaxKeyAgeDays, InUseDays, RotationGraceDays, TreatRotationAsWarning);

    public DateTimeOffset ResolveAsOf(TimeProvider clock) =>
        AsOf is null ? clock.GetUtcNow() : Timestamps.Parse(AsOf) ?? throw KeyWardenException.Usage($"--as-of: '{AsOf}' is not an ISO 8601 timestamp");

    public override ValidationResult Validate()
    {
        if (!Sources.Contains(Source))
        {
            return ValidationResult.Error($"--source: must be one of {string.Join(", ", Sources)} (got '{Source}')");
        }

        // A bound rather than an overflow: TimeSpan.FromDays(int.MaxValue) throws, and no key is 100 years old.
        if (OptionRange.First(
                OptionRange.Check("--max-key-age", MaxKeyAgeDays, 1, MaxDays, "days (100 years)"),
                OptionRange.Check("--in-use-days", InUseDays, 1, MaxDays, "days (100 years)"),
                OptionRange.Check("--rotation-grace-days", RotationGraceDays, 0, MaxDays, "days (100 years)")) is { } outOfRange)
        {
            return outOfRange;
        }

        if (AsOf is not null && Timestamps.Parse(AsOf) is null)
        {
            return ValidationResult.Error($"--as-of: '{AsOf}' is not an ISO 8601 timestamp");
        }

        return base.Validate();
    }
}
