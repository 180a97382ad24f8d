using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

public sealed class RulesSettings : CommonSettings
{
    [CommandOption("--format <FORMAT>")]
    [Description("table (default) or json.")]
    [DefaultValue("table")]
    public string Format { get; init; } = "table";

    [CommandOption("--benchmark <VERSION>")]
    [Description("Only the rules of this CIS version (cis-1.4, cis-3.0, cis-4.0, cis-5.0, cis-6.0, cis-7.0), with that version's ids.")]
    public string? Benchmark { get; init; }

    public override ValidationResult Validate()
    {
        if (Format is not ("table" or "json"))
        {
            return ValidationResult.Error($"--format: must be table or json (got '{Format}')");
        }

        try
        {
            // The registry's own check, so that rules and audit word an unknown benchmark alike.
            Audit.Rules.RuleRegistry.Select(null, Benchmark);
        }
        catch (KeyWardenException e)
        {
            return ValidationResult.Error(e.Message);
        }

        return base.Validate();
    }
}
