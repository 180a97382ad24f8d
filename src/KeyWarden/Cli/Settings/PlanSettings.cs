using System.ComponentModel;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

public sealed class PlanSettings : AuditInputSettings
{
    [CommandOption("--out <FILE>")]
    [Description("Where to write the plan.")]
    [DefaultValue("keywarden-plan.json")]
    public string Out { get; init; } = "keywarden-plan.json";

    [CommandOption("--include-needs-review")]
    [Description("Also plan deactivations whose decision needs review (no usage evidence, or more than one key in use).")]
    public bool IncludeNeedsReview { get; init; }
}
