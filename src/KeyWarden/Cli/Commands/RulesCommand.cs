using System.ComponentModel;
using System.Text.Json;
using KeyWarden.Audit.Rules;
using KeyWarden.Cli.Settings;
using KeyWarden.Reports;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Commands;

[Description("List the rules KeyWarden checks, with their CIS AWS Foundations ids per benchmark version.")]
public sealed class RulesCommand(Terminal terminal) : Command<RulesSettings>
{
    public override int Execute(CommandContext context, RulesSettings settings, CancellationToken cancellationToken)
    {
        var selection = RuleRegistry.Select(null, settings.Benchmark);
        var rules = selection.Metadata;
        if (settings.Format == "json")
        {
            // The same rule objects as the JSON report's rules[].
            terminal.Out.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(rules.Select(RuleDocument.From).ToList(), JsonReportWriter.Options));
            return ExitCodes.Ok;
        }

        // Plain lines, not a table: ten benchmark versions do not fit 80 columns, and scripts use --format json. Each
        // line wraps between words at the console's width (COLUMNS or none off a terminal), continued under its text.
        var output = terminal.Out.Profile.Out.Writer;
        var width = terminal.Out.Profile.Width;
        void Line(string text, int indent, int continued)
        {
            foreach (var line in Help.WordWrapper.Wrap(text, width, indent, continued))
            {
                output.WriteLine(line.ToString());
            }
        }

        foreach (var rule in rules)
        {
            Line($"{rule.Id}  ({rule.Severity}, one finding per {rule.Scope.ToContractName()}, {(rule.Remediable ? "plan deactivates" : "not remediated by KeyWarden")})", 0, 2);
            Line(rule.Title, 2, 2);
            Line($"CIS: {CisText(rule, selection.Benchmark)}", 2, 7);
            if (rule.CisNote is { } note)
            {
                Line($"Note: {note}", 2, 8);
            }

            Line($"Doc: {rule.DocPath}", 2, 7);
        }

        return ExitCodes.Ok;
    }

    /// <summary>"1.13 in v1.3.0–v4.0.1, 1.12 in v5.0.0, …; not in v7.0.0": runs of versions with the same id joined.</summary>
    public static string CisText(Audit.RuleMetadata rule, CisBenchmark? benchmark)
    {
        var text = string.Join(", ", ComplianceIds.Runs(rule).Select(r => r.First == r.Last ? $"{r.Id} in {r.First}" : $"{r.Id} in {r.First}–{r.Last}"));
        var missing = (benchmark?.Versions ?? ["v7.0.0"]).Where(v => !rule.CisIds.ContainsKey(v)).ToList();
        return (text.Length == 0 ? "none" : text) + (missing.Count > 0 ? $"; not in {string.Join(", ", missing)}" : string.Empty);
    }
}
