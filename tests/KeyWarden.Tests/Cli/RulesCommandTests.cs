using System.Text.Json;
using KeyWarden.Audit.Rules;

namespace KeyWarden.Tests.Cli;

public sealed class RulesCommandTests
{
    [Fact]
    public async Task Rules_lists_every_rule_with_its_cis_ids_and_says_which_version_lacks_one()
    {
        var result = await CliRunner.RunAsync("rules");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.All(RuleRegistry.Ids, id => Assert.Contains(id, result.Stdout));
        Assert.Contains("CIS: 1.13 in v1.3.0–v4.0.1, 1.12 in v5.0.0, 2.12 in v6.0.0; not in v7.0.0", result.Stdout);
        Assert.Contains("CIS: 1.14 in v1.3.0–v4.0.1, 1.13 in v5.0.0, 2.13 in v6.0.0, 2.12 in v7.0.0", result.Stdout);
        Assert.All(result.Stdout.Split('\n'), line => Assert.True(line.Length == line.TrimEnd().Length, $"trailing space: '{line}'"));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(80)]
    public async Task Rules_wrap_between_words_at_the_console_width(int width)
    {
        var console = new Spectre.Console.Testing.TestConsole();
        console.Profile.Width = width;

        var result = await CliRunner.RunOnAsync(console, _ => null, outIsTerminal: true, "rules");

        var lines = result.Stdout.Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= width || !l.Trim().Contains(' '), $"wider than {width}: '{l}'"));
        // Every rule id and every version label stays whole on a line; continuation lines are indented.
        Assert.All(RuleRegistry.Ids, id => Assert.Contains(lines, l => l.Contains(id, StringComparison.Ordinal)));
        Assert.All(lines.Where(l => l.Length > 0 && !RuleRegistry.Ids.Any(id => l.StartsWith(id, StringComparison.Ordinal))), l => Assert.StartsWith("  ", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("v1.3.0–v4.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Json_for_a_benchmark_has_only_its_rules_and_ids()
    {
        var result = await CliRunner.RunAsync("rules", "--benchmark", "cis-7.0", "--format", "json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var rules = JsonDocument.Parse(result.Stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(["iam-root-access-key", "iam-access-key-unused", "iam-access-key-rotation"], rules.Select(r => r.GetProperty("id").GetString()));
        Assert.All(rules, r => Assert.Equal(["v7.0.0"], r.GetProperty("cis").EnumerateObject().Select(p => p.Name)));
    }

    [Theory]
    [InlineData("rules", "--benchmark", "cis-9.9")]
    [InlineData("rules", "--format", "xml")]
    [InlineData("audit", "--credential-report", "x.csv", "--rules", "iam-nope")]
    [InlineData("audit", "--credential-report", "x.csv", "--unused-days", "0")]
    public async Task Bad_selection_is_exit_2_naming_the_option(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Contains(args[^2], result.Stderr);
    }

    [Fact]
    public async Task The_sample_audited_by_every_rule_labels_findings_by_rule_and_counts_them_all()
    {
        var result = await CliRunner.RunAsync("audit", "--credential-report", TestData.FixturePath("sample-report.csv"), "--format", "json");

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        var report = JsonDocument.Parse(result.Stdout).RootElement;
        var byRule = report.GetProperty("findings").EnumerateArray().GroupBy(f => f.GetProperty("ruleId").GetString()).ToDictionary(g => g.Key!, g => g.ToList());
        Assert.Equal(RuleRegistry.Ids.Order(), byRule.Keys.Order());
        Assert.Equal(RuleRegistry.Ids, report.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.All(byRule["iam-access-key-rotation"], f => Assert.StartsWith("slot:", f.GetProperty("key").GetString() ?? "slot:"));
        var fails = report.GetProperty("findings").EnumerateArray().Count(f => f.GetProperty("status").GetString() == "FAIL");
        Assert.Equal(fails, report.GetProperty("summary").GetProperty("fail").GetInt32());
    }
}
