using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

/// <summary>Options of the commands that change AWS: apply and undo.</summary>
public class ChangeSettings : AwsSettings
{
    [CommandOption("-y|--yes")]
    [Description("Do not ask for confirmation. Required when there is no terminal to ask on.")]
    public bool Yes { get; init; }
}

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

    public override ValidationResult Validate() =>
        RecentUseGuardHours < 0 ? ValidationResult.Error("--recent-use-guard must be 0 or more hours") : base.Validate();
}

public sealed class UndoSettings : ChangeSettings
{
    [CommandArgument(0, "<JOURNAL>")]
    [Description("The journal an apply wrote.")]
    public string Journal { get; init; } = "";
}

public sealed class VerifySettings : AwsSettings
{
    [CommandArgument(0, "<PLAN_OR_JOURNAL>")]
    [Description("A plan file, or the journal an apply wrote.")]
    public string File { get; init; } = "";

    [CommandOption("-f|--format <FORMAT>")]
    [Description("table (default) or json.")]
    [DefaultValue("table")]
    public string Format { get; init; } = "table";

    public override ValidationResult Validate() =>
        Format is "table" or "json" ? base.Validate() : ValidationResult.Error("--format must be table or json");
}
