namespace KeyWarden.Tests.Cli;

/// <summary>Spectre.Console.Cli keeps the last of a repeated option silently; KeyWarden refuses it, and contradictions.</summary>
public sealed class OptionConflictsTests
{
    private static readonly string Sample = TestData.FixturePath("sample-report.csv");

    private static async Task<string> FailsWithUsage(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Empty(result.Stdout);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("keywarden: error: ", line);
        return line;
    }

    [Fact]
    public async Task Two_credential_reports_exit_2_naming_both()
    {
        var line = await FailsWithUsage("audit", "--credential-report", "a.csv", "--credential-report", Sample);

        Assert.Equal($"keywarden: error: --credential-report is given twice (--credential-report a.csv, --credential-report {Sample}); it takes one value: give it once", line);
    }

    [Fact]
    public async Task Two_profiles_exit_2_naming_both()
    {
        var line = await FailsWithUsage("audit", "--profile", "prod", "--profile", "dev");

        Assert.Contains("--profile is given twice (--profile prod, --profile dev)", line);
    }

    [Theory]
    [InlineData("audit", "-f", "json", "--format", "csv")]
    [InlineData("audit", "--credential-report=x.csv", "--credential-report", "y.csv")]
    [InlineData("audit", "--all", "--all")]
    [InlineData("audit", "--as-of", "2026-01-01T00:00:00Z", "--as-of", "2026-02-01T00:00:00Z")]
    [InlineData("plan", "--out", "a.json", "--out", "b.json")]
    [InlineData("apply", "plan.json", "--journal", "a.jsonl", "--journal", "b.jsonl")]
    [InlineData("audit", "--max-key-age", "90", "--max-key-age", "30")]
    public async Task Any_single_value_option_given_twice_exits_2(params string[] args)
    {
        var line = await FailsWithUsage(args);

        Assert.Contains("is given twice", line);
    }

    [Theory]
    [InlineData("--source", "live")]
    [InlineData("--source", "auto")]
    [InlineData("--profile", "prod")]
    [InlineData("--endpoint-url", "http://127.0.0.1:9")]
    [InlineData("--max-concurrency", "4")]
    public async Task An_offline_report_with_an_AWS_option_exits_2_naming_both(string option, string value)
    {
        var line = await FailsWithUsage("audit", "--credential-report", Sample, option, value);

        Assert.StartsWith($"keywarden: error: --credential-report and {option} cannot be used together", line);
    }

    [Theory]
    [InlineData("--org", null)]
    [InlineData("--accounts", "111122223333")]
    [InlineData("--role-name", "Auditor")]
    [InlineData("--max-accounts", "4")]
    public async Task An_offline_report_with_an_account_selection_exits_2(string option, string? value)
    {
        var line = await FailsWithUsage(value is null ? ["audit", "--credential-report", Sample, option] : ["audit", "--credential-report", Sample, option, value]);

        Assert.StartsWith($"keywarden: error: --credential-report and {option} cannot be used together", line);
    }

    [Theory]
    [InlineData("--org", "--accounts", "111122223333")]
    [InlineData("--ou", "ou-ab12-cdefgh34", "--accounts-file", "a.txt")]
    [InlineData("--exclude-accounts", "111122223333")]
    [InlineData("--shard", "1/2")]
    [InlineData("--org", "--shard", "0/2")]
    [InlineData("--org", "--shard", "3/2")]
    [InlineData("--ou", "not-an-ou")]
    [InlineData("--accounts", "12345")]
    [InlineData("--org", "--max-accounts", "0")]
    [InlineData("--org", "--role-duration", "10m")]
    [InlineData("--org", "--role-session-name", "a")]
    public async Task Contradicting_or_malformed_selections_exit_2_before_any_call(params string[] options)
    {
        var line = await FailsWithUsage(["audit", "--endpoint-url", "http://127.0.0.1:9", .. options]);

        Assert.DoesNotContain("could not reach", line);
    }

    [Fact]
    public async Task Check_access_refuses_a_repeated_option_too()
    {
        var line = await FailsWithUsage("check-access", "--role-name", "A", "--role-name", "B");

        Assert.Contains("--role-name is given twice", line);
    }

    [Fact]
    public async Task Plan_checks_the_same_conflicts()
    {
        var line = await FailsWithUsage("plan", "--credential-report", Sample, "--source", "live");

        Assert.StartsWith("keywarden: error: --credential-report and --source cannot be used together", line);
    }

    [Fact]
    public async Task Region_stays_allowed_offline_and_principal_stays_repeatable()
    {
        var result = await CliRunner.RunAsync("audit", "--credential-report", Sample, "--region", "eu-west-1", "--principal", "bob", "--principal", "carol");

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
    }
}
