using System.ComponentModel;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

public sealed class PlanSettings : AuditInputSettings
{
    // --out was the first name: it stays, as the same option (OptionConflicts refuses both given at once).
    [CommandOption("-o|--output|--out <FILE>")]
    [Description("Where to write the plan (--out is the same option).")]
    [DefaultValue("keywarden-plan.json")]
    public string Out { get; init; } = "keywarden-plan.json";

    [CommandOption("--include-needs-review")]
    [Description("Also plan deactivations whose decision needs review (no usage evidence, more than one key in use, or the key to deactivate worked more recently than the kept one). Never rotations or root.")]
    public bool IncludeNeedsReview { get; init; }

    /// <summary>
    /// A plan acts for the rules named in --rules only; by default the single-active-key rule, as before the rule family:
    /// deactivating unused keys is a decision of its own (plan --rules iam-access-key-unused).
    /// </summary>
    protected override IReadOnlyList<string>? DefaultRules => [Audit.Rules.MultipleActiveKeys.MultipleActiveKeysRule.Metadata.Id];

    [CommandOption("--include-rotations")]
    [Description("Also plan the completion of a rotation in progress (deactivate the older key, keep the new one), only when the new key is itself in use.")]
    public bool IncludeRotations { get; init; }
}
