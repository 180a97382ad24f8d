using System.Reflection;
using KeyWarden.Cli;
using KeyWarden.Remediation;
using KeyWarden.Tests.Remediation;
using Spectre.Console.Cli;

namespace KeyWarden.Tests.Cli;

/// <summary>
/// What every command does the same way: no command is a usage error; an error names the option and the value; an
/// unknown option points at the command's help; a directory where a file belongs is said so; plan -o/--output/--out.
/// </summary>
public class CliConventionsTests : TempDirTest
{
    private static readonly string Sample = TestData.FixturePath("sample-report.csv");

    private static string OneError(CliRunner.Result result)
    {
        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        var error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("keywarden: error: ", error);
        return error["keywarden: error: ".Length..];
    }

    [Fact]
    public async Task No_command_prints_the_help_and_exits_2()
    {
        var result = await CliRunner.RunAsync();

        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Contains("USAGE", result.Stdout);
        Assert.Contains("audit", result.Stdout);
        Assert.Contains("no command given", OneError(result));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("--version")]
    public async Task Help_and_version_alone_still_exit_0(string option) =>
        Assert.Equal(ExitCodes.Ok, (await CliRunner.RunAsync(option)).ExitCode);

    /// <summary>
    /// The arguments a command needs before its options (a positional file). No --credential-report: it conflicts
    /// with the options about reaching AWS; nothing is sent, since every case here fails before the command runs.
    /// </summary>
    private static string[] Base(string command) => command switch
    {
        "apply" or "verify" => [command, "plan.json"],
        "undo" => [command, "plan.journal.jsonl"],
        _ => [command],
    };

    /// <summary>Every whole-number option of every command, read from the settings classes as the parser does.</summary>
    public static TheoryData<string, string> WholeNumberOptions()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in new[] { "audit", "plan", "apply", "verify", "undo", "check-access" })
        {
            var commandType = typeof(KeyWardenApp).Assembly.GetTypes().Single(t => string.Equals(t.Name, command.Replace("-", "") + "Command", StringComparison.OrdinalIgnoreCase));
            var settings = commandType.BaseType!.GetGenericArguments()[0];
            foreach (var property in settings.GetProperties().Where(p => p.PropertyType == typeof(int) || p.PropertyType == typeof(int?)))
            {
                if (property.GetCustomAttribute<CommandOptionAttribute>() is { } option)
                {
                    data.Add(command, "--" + option.LongNames[0]);
                }
            }
        }

        return data;
    }

    [Fact]
    public void The_whole_number_options_are_found() =>
        Assert.True(WholeNumberOptions().Count() >= 12, $"{WholeNumberOptions().Count()} options");

    [Theory]
    [MemberData(nameof(WholeNumberOptions))]
    public async Task A_word_for_a_whole_number_option_names_the_option_and_the_value(string command, string option)
    {
        Assert.Equal($"{option}: 'abc' is not a number", OneError(await CliRunner.RunAsync([.. Base(command), option, "abc"])));
        Assert.Equal($"{option}: 'abc' is not a number", OneError(await CliRunner.RunAsync([.. Base(command), $"{option}=abc"])));
        Assert.Equal($"{option}: needs a number", OneError(await CliRunner.RunAsync([.. Base(command), option])));
    }

    [Theory]
    [MemberData(nameof(WholeNumberOptions))]
    public async Task A_whole_number_below_the_range_names_the_option_the_bound_and_the_value(string command, string option)
    {
        var error = OneError(await CliRunner.RunAsync([.. Base(command), option, "-3"]));
        Assert.Matches($"^{option}: must be at least [01] \\(got -3\\)$", error);
    }

    [Theory]
    [InlineData("audit", "--max-key-age", "-3", "--max-key-age: must be at least 1 (got -3)")]
    [InlineData("audit", "--in-use-days", "0", "--in-use-days: must be at least 1 (got 0)")]
    [InlineData("audit", "--rotation-grace-days", "36501", "--rotation-grace-days: must be at most 36500 days (100 years) (got 36501)")]
    [InlineData("audit", "--max-concurrency", "65", "--max-concurrency: must be at most 64 (got 65)")]
    [InlineData("check-access", "--max-accounts", "257", "--max-accounts: must be at most 256 (got 257)")]
    [InlineData("apply", "--max-changes", "0", "--max-changes: must be at least 1 (got 0)")]
    [InlineData("apply", "--recent-use-guard", "876001", "--recent-use-guard: must be at most 876000 hours (100 years) (got 876001)")]
    public async Task Out_of_range_errors_say_the_bound_and_the_value(string command, string option, string value, string expected) =>
        Assert.Equal(expected, OneError(await CliRunner.RunAsync([.. Base(command), option, value])));

    [Theory]
    [InlineData("audit")]
    [InlineData("verify")]
    [InlineData("check-access")]
    public async Task An_unknown_option_points_at_the_commands_help(string command) =>
        Assert.Equal($"unknown option '--no-such-option'; see `keywarden {command} --help`", OneError(await CliRunner.RunAsync([.. Base(command), "--no-such-option"])));

    [Fact]
    public async Task An_unknown_command_points_at_the_help() =>
        Assert.EndsWith("see `keywarden --help`", OneError(await CliRunner.RunAsync("audits")));

    public static TheoryData<string[], string> DirectoryForAFile() => new()
    {
        { ["audit", "--credential-report", "{dir}"], "--credential-report" },
        { ["audit", "--credential-report", Sample, "--exceptions", "{dir}"], "--exceptions" },
        { ["audit", "--credential-report", Sample, "-o", "{dir}"], "--output" },
        { ["audit", "--accounts-file", "{dir}"], "--accounts-file" },
        { ["plan", "--credential-report", Sample, "--out", "{dir}"], "--output" },
        { ["plan", "--credential-report", Sample, "-o", "{dir}"], "--output" },
        { ["apply", "{dir}"], "<PLAN>" },
        { ["apply", "plan.json", "--journal", "{dir}"], "--journal" },
        { ["verify", "{dir}"], "<PLAN_OR_JOURNAL>" },
        { ["verify", "plan.json", "--output", "{dir}"], "--output" },
        { ["undo", "{dir}"], "<JOURNAL>" },
        { ["check-access", "-o", "{dir}"], "--output" },
        { ["check-access", "--failures-file", "{dir}"], "--failures-file" },
    };

    [Theory]
    [MemberData(nameof(DirectoryForAFile))]
    public async Task A_directory_where_a_file_belongs_is_said_so(string[] args, string option)
    {
        var dir = PathOf("a-directory");
        Directory.CreateDirectory(dir);

        var error = OneError(await CliRunner.RunAsync(args.Select(a => a.Replace("{dir}", dir, StringComparison.Ordinal)).ToArray()));

        Assert.Equal($"{option}: '{dir}' is a directory; give a file", error);
    }

    [Theory]
    [InlineData("-o")]
    [InlineData("--output")]
    [InlineData("--out")]
    public async Task Plan_writes_to_o_output_and_the_old_out(string option)
    {
        var path = PathOf($"plan{option}.json");

        var result = await CliRunner.RunAsync("plan", "--credential-report", Sample, option, path);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(TestData.Tool.Name, PlanFile.Load(path).Tool.Name);
    }

    [Fact]
    public async Task Plan_out_and_output_are_one_option_given_twice()
    {
        var error = OneError(await CliRunner.RunAsync("plan", "--credential-report", Sample, "--out", PathOf("a.json"), "--output", PathOf("b.json")));

        Assert.StartsWith("--output is given twice", error);
        Assert.False(File.Exists(PathOf("a.json")));
        Assert.False(File.Exists(PathOf("b.json")));
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("csv")]
    public async Task Verify_takes_table_json_or_junit(string format) =>
        Assert.Equal($"--format: must be table, json or junit (got '{format}')", OneError(await CliRunner.RunAsync("verify", "plan.json", "--format", format)));

    [Fact]
    public void A_declined_confirmation_has_its_own_exit_code() =>
        Assert.DoesNotContain(ExitCodes.NotConfirmed, new[] { ExitCodes.Ok, ExitCodes.Findings, ExitCodes.UsageOrInput, ExitCodes.AwsOrRuntime, ExitCodes.PreconditionFailed, ExitCodes.Interrupted });
}
