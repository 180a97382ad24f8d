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

    [CommandOption("--unused-days <DAYS>")]
    [Description("iam-access-key-unused: an Active key not used for this many days (never used: since its creation) fails. CIS: 45.")]
    [DefaultValue(45)]
    public int UnusedDays { get; init; } = 45;

    [CommandOption("--rules <IDS>")]
    [Description("Only these rules (comma-separated ids, repeatable; see `keywarden rules`). Default: every rule (audit), or those of --benchmark.")]
    public string[] RuleIds { get; init; } = [];

    [CommandOption("--benchmark <VERSION>")]
    [Description("cis-1.4, cis-3.0, cis-4.0, cis-5.0, cis-6.0 or cis-7.0: show that version's CIS ids only, and (without --rules) run only its rules. Default: every version's ids.")]
    public string? Benchmark { get; init; }

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

    [CommandOption("--max-report-age <AGE>")]
    [Description("Use the account's credential report only if generated within this age, else generate a new one: hours (4) or a duration (4h, 30m, 1d). Default 4h; IAM itself regenerates at most every 4 h.")]
    [DefaultValue("4h")]
    public string MaxReportAge { get; init; } = "4h";

    [CommandOption("--evidence <WHICH>")]
    [Description("needed (default): GetAccessKeyLastUsed only where the rule needs last use and the credential report cannot give it; all: for every key read live.")]
    [DefaultValue("needed")]
    public string Evidence { get; init; } = "needed";

    public static readonly string[] Sources = ["auto", "live", "credential-report"];

    public static readonly string[] EvidenceValues = ["needed", "all"];

    /// <summary>The largest --max-report-age (a year): beyond it IAM's report has expired anyway.</summary>
    public static readonly TimeSpan MaxReportAgeBound = TimeSpan.FromDays(365);

    public Inventory.LastUseEvidence LastUseEvidence => Evidence == "all" ? Inventory.LastUseEvidence.All : Inventory.LastUseEvidence.Needed;

    public TimeSpan MaxReportAgeSpan => ParseReportAge(MaxReportAge) ?? throw KeyWardenException.Usage($"--max-report-age: '{MaxReportAge}' is not an age");

    /// <summary>Hours as a number ("4", "0.5") or a number with a unit: d, h, m, s ("4h", "30m"); null when neither or out of range.</summary>
    public static TimeSpan? ParseReportAge(string text)
    {
        var value = text.Trim();
        var unit = value.Length > 0 && char.IsLetter(value[^1]) ? char.ToLowerInvariant(value[^1]) : 'h';
        var number = char.IsLetter(value.Length > 0 ? value[^1] : ' ') ? value[..^1] : value;
        if (!double.TryParse(number, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var amount)
            || double.IsNaN(amount) || double.IsInfinity(amount))
        {
            return null;
        }

        double? seconds = unit switch
        {
            'd' => amount * 86_400,
            'h' => amount * 3_600,
            'm' => amount * 60,
            's' => amount,
            _ => null,
        };
        return seconds is { } s && s >= 0 && s <= MaxReportAgeBound.TotalSeconds ? TimeSpan.FromSeconds(s) : null;
    }

    /// <summary>The largest day count a threshold takes (100 years).</summary>
    public const int MaxDays = 36_500;

    /// <summary>The --rules ids, split at commas; null when not given (the command's default selection).</summary>
    public IReadOnlyList<string>? SelectedRules =>
        RuleIds.Length == 0 ? null : RuleIds.SelectMany(r => r.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();

    /// <summary>The rules a command runs when --rules is not given: null is every rule (or every rule of --benchmark).</summary>
    protected virtual IReadOnlyList<string>? DefaultRules => null;

    public AuditParameters ToParameters() =>
        new(MaxKeyAgeDays, InUseDays, RotationGraceDays, TreatRotationAsWarning, UnusedDays, SelectedRules ?? DefaultRules, Benchmark);

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
                OptionRange.Check("--rotation-grace-days", RotationGraceDays, 0, MaxDays, "days (100 years)"),
                OptionRange.Check("--unused-days", UnusedDays, 1, MaxDays, "days (100 years)")) is { } outOfRange)
        {
            return outOfRange;
        }

        if (RuleIds.Length > 0 && SelectedRules is not { Count: > 0 })
        {
            return ValidationResult.Error("--rules: no rule id given (see `keywarden rules`)");
        }

        try
        {
            Audit.Rules.RuleRegistry.Select(SelectedRules, Benchmark);
        }
        catch (KeyWardenException e)
        {
            return ValidationResult.Error(e.Message);
        }

        if (!EvidenceValues.Contains(Evidence))
        {
            return ValidationResult.Error($"--evidence must be one of {string.Join(", ", EvidenceValues)}; got '{Evidence}'");
        }

        if (ParseReportAge(MaxReportAge) is null)
        {
            return ValidationResult.Error($"--max-report-age: '{MaxReportAge}' is not an age from 0 to 365 days: hours (4) or a number with d, h, m or s (4h, 30m)");
        }

        if (AsOf is not null && Timestamps.Parse(AsOf) is null)
        {
            return ValidationResult.Error($"--as-of: '{AsOf}' is not an ISO 8601 timestamp");
        }

        return base.Validate();
    }
}
