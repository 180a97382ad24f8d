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

        // Plain lines, not a table: ten benchmark versions do not fit 80 columns, and scripts use --format json.
        var output = terminal.Out.Profile.Out.Writer;
        foreach (var rule in rules)
        {
            output.WriteLine($"{rule.Id}  ({rule.Severity}, one finding per {rule.Scope.ToContractName()}, {(rule.Remediable ? "plan deactivates" : "not remediated by KeyWarden")})");
            output.WriteLine($"  {rule.Title}");
            output.WriteLine($"  CIS: {CisText(rule, selection.Benchmark)}");
            if (rule.CisNote is { } note)
            {
                output.WriteLine($"  Note: {note}");
            }

            output.WriteLine($"  Doc: {rule.DocPath}");
        }

        return ExitCodes.Ok;
    }

    /// <summary>"1.13 in v1.3.0–v4.0.1, 1.12 in v5.0.0, …; not in v7.0.0": runs of versions with the same id joined.</summary>
    public static string CisText(Audit.RuleMetadata rule, CisBenchmark? benchmark)
    {
        var ordered = ComplianceIds.Ordered(rule);
        var runs = new List<(string Id, string From, string To)>();
        foreach (var (version, id) in ordered)
        {
            if (runs.Count > 0 && runs[^1].Id == id)
            {
                runs[^1] = runs[^1] with { To = version };
            }
            else
            {
                runs.Add((id, version, version));
            }
        }

        var text = string.Join(", ", runs.Select(r => r.From == r.To ? $"{r.Id} in {r.From}" : $"{r.Id} in {r.From}–{r.To}"));
        var missing = (benchmark?.Versions ?? ["v7.0.0"]).Where(v => !rule.CisIds.ContainsKey(v)).ToList();
        return (text.Length == 0 ? "none" : text) + (missing.Count > 0 ? $"; not in {string.Join(", ", missing)}" : string.Empty);
    }
}
