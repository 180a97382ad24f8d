using System.Text.Json;
using KeyWarden.Cli.Configuration;

namespace KeyWarden.Tests.Cli;

/// <summary>The config file through the real command tree: which file is read, and that the command line wins over it.</summary>
public class ConfigFileCliTests : IDisposable
{
    private const string Rotation = "iam-access-key-rotation";

    private readonly string _dir = Directory.CreateTempSubdirectory("keywarden-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static readonly string[] OfflineJson = ["--credential-report", TestData.FixturePath("sample-report.csv"), "--format", "json"];

    private static (int MaxKeyAge, int RotationFails) Judged(CliRunner.Result result)
    {
        using var doc = JsonDocument.Parse(result.Stdout);
        var rotationFails = doc.RootElement.GetProperty("findings").EnumerateArray()
            .Count(f => f.GetProperty("ruleId").GetString() == Rotation && f.GetProperty("status").GetString() == "FAIL");
        return (doc.RootElement.GetProperty("parameters").GetProperty("maxKeyAgeDays").GetInt32(), rotationFails);
    }

    [Fact]
    public async Task The_files_max_key_age_is_what_the_audit_judges_by()
    {
        var byDefault = Judged(await CliRunner.RunAsync(["audit", .. OfflineJson]));
        var result = await CliRunner.RunAsync(["audit", .. OfflineJson, "--config", Write("team.yaml", "max-key-age: 30\n")]);

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        var judged = Judged(result);
        Assert.Equal(30, judged.MaxKeyAge);
        Assert.Equal(90, byDefault.MaxKeyAge);
        // Keys of 30 to 90 days fail rotation at 30 and not at 90: the threshold reached the rule, not only the report.
        Assert.True(judged.RotationFails > byDefault.RotationFails, $"{judged.RotationFails} vs {byDefault.RotationFails}");
    }

    [Fact]
    public async Task The_command_line_wins_over_the_file()
    {
        var typed = Judged(await CliRunner.RunAsync(["audit", .. OfflineJson, "--max-key-age", "120"]));
        var result = await CliRunner.RunAsync(["audit", .. OfflineJson, "--max-key-age", "120", "--config", Write("team.yaml", "max-key-age: 30\n")]);

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.Equal(typed, Judged(result));
        Assert.Equal(120, typed.MaxKeyAge);
    }

    [Fact]
    public async Task The_command_section_wins_over_the_shared_value()
    {
        var config = Write("team.yaml", "max-key-age: 30\naudit:\n  max-key-age: 60\n");
        Assert.Equal(60, Judged(await CliRunner.RunAsync(["audit", .. OfflineJson, "--config", config])).MaxKeyAge);
    }

    [Fact]
    public async Task The_files_format_is_used_and_a_typed_one_wins()
    {
        var config = Write("team.yaml", "audit:\n  format: csv\n");
        var report = new[] { "audit", "--credential-report", TestData.FixturePath("sample-report.csv"), "--config", config };

        var fromFile = await CliRunner.RunAsync(report);
        Assert.StartsWith("ruleId,", fromFile.Stdout);

        var typed = await CliRunner.RunAsync([.. report, "-f", "json"]);
        Assert.StartsWith("{", typed.Stdout.TrimStart());
    }

    [Fact]
    public async Task A_flag_the_file_turns_on_is_turned_off_on_the_command_line()
    {
        var config = Write("team.yaml", "treat-rotation-as-warning: true\n");
        bool Warns(CliRunner.Result r) => JsonDocument.Parse(r.Stdout).RootElement.GetProperty("parameters").GetProperty("treatRotationAsWarning").GetBoolean();

        Assert.True(Warns(await CliRunner.RunAsync(["audit", .. OfflineJson, "--config", config])));
        Assert.False(Warns(await CliRunner.RunAsync(["audit", .. OfflineJson, "--config", config, "--treat-rotation-as-warning", "false"])));
    }

    [Fact]
    public async Task Dot_keywarden_yaml_in_the_current_directory_is_read_without_config_and_said_so()
    {
        Write(ConfigFileLoader.DefaultFileName, "max-key-age: 30\n");
        var result = await CliRunner.RunInAsync(_dir, ["audit", .. OfflineJson]);

        Assert.Equal(30, Judged(result).MaxKeyAge);
        Assert.Contains("keywarden: note: settings from ./.keywarden.yaml: max-key-age", result.Stderr);
    }

    [Fact]
    public async Task Config_names_another_file_and_the_default_one_is_then_not_read()
    {
        Write(ConfigFileLoader.DefaultFileName, "max-key-age: 30\n");
        var other = Write("other.yaml", "max-key-age: 45\n");
        var result = await CliRunner.RunInAsync(_dir, ["audit", .. OfflineJson, "--config", other]);

        Assert.Equal(45, Judged(result).MaxKeyAge);
        Assert.DoesNotContain(".keywarden.yaml", result.Stderr);
    }

    [Fact]
    public async Task Without_a_file_nothing_changes()
    {
        var result = await CliRunner.RunInAsync(_dir, ["audit", .. OfflineJson]);
        Assert.Equal(90, Judged(result).MaxKeyAge);
        Assert.DoesNotContain("settings from", result.Stderr);
    }

    [Fact]
    public async Task Config_naming_a_missing_file_is_exit_2()
    {
        var result = await CliRunner.RunInAsync(_dir, ["audit", .. OfflineJson, "--config", "missing.yaml"]);
        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Equal("keywarden: error: --config: missing.yaml: no such file", result.Stderr.Trim());
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Config_naming_a_directory_is_exit_2()
    {
        var result = await CliRunner.RunInAsync(_dir, ["audit", .. OfflineJson, "--config", "."]);
        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Equal("keywarden: error: --config: '.' is a directory; give a file", result.Stderr.Trim());
    }

    [Fact]
    public async Task Config_without_a_value_is_exit_2()
    {
        var result = await CliRunner.RunAsync(["audit", .. OfflineJson, "--config"]);
        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Contains("--config: needs a file", result.Stderr);
    }

    [Theory]
    [InlineData("# team\nmax-key-age: -3\n", "team.yaml:2: max-key-age: must be at least 1 (got -3)")]
    [InlineData("max-key-age: abc\n", "team.yaml:1: max-key-age: 'abc' is not a number")]
    [InlineData("benchmark: cis-9\n", "team.yaml:1: benchmark: unknown benchmark 'cis-9'")]
    [InlineData("audit:\n  format: [pdf]\n", "team.yaml:2: format: unknown format 'pdf'")]
    [InlineData("audit:\n  format: [json, html]\n", "team.yaml:2: format: several formats need --output-dir")]
    [InlineData("exceptions: nowhere.yaml\n", "team.yaml:1: exceptions: ")]
    [InlineData("colour: never\n", "team.yaml:1: unknown key 'colour' (known: ")]
    public async Task A_bad_setting_is_exit_2_naming_the_file_and_line(string yaml, string expected)
    {
        Write("team.yaml", yaml);
        var result = await CliRunner.RunInAsync(_dir, ["audit", .. OfflineJson.SkipLast(2), "--config", "team.yaml"]);
        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.StartsWith("keywarden: error: " + expected, result.Stderr.Trim());
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task A_bad_default_file_is_an_error_too_but_not_for_help()
    {
        Write(ConfigFileLoader.DefaultFileName, "max-key-ages: 30\n");
        var audit = await CliRunner.RunInAsync(_dir, ["audit", .. OfflineJson]);
        Assert.Equal(ExitCodes.UsageOrInput, audit.ExitCode);
        Assert.StartsWith("keywarden: error: ./.keywarden.yaml:1: unknown key 'max-key-ages'", audit.Stderr.Trim());

        var help = await CliRunner.RunInAsync(_dir, ["audit", "--help"]);
        Assert.Equal(ExitCodes.Ok, help.ExitCode);
        Assert.Contains("--config", help.Stdout);

        // A mistyped command is told as unknown, not as the file's error.
        var typo = await CliRunner.RunInAsync(_dir, ["audti", .. OfflineJson]);
        Assert.Equal(ExitCodes.UsageOrInput, typo.ExitCode);
        Assert.DoesNotContain(".keywarden.yaml", typo.Stderr, StringComparison.Ordinal);
        Assert.Contains("audti", typo.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_credential_in_the_file_is_refused_without_echoing_it()
    {
        const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        var config = Write("team.yaml", $"max-key-age: 30\naws_secret_access_key: {Secret}\n");
        var result = await CliRunner.RunAsync(["audit", .. OfflineJson, "--config", config, "--debug"]);

        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Contains("unknown key 'aws_secret_access_key'", result.Stderr);
        Assert.DoesNotContain(Secret, result.Stderr + result.Stdout);
    }

    [Fact]
    public async Task Relative_paths_in_the_file_are_relative_to_its_directory()
    {
        Write("team/exceptions.yaml", "exceptions:\n  - principal: \"*\"\n    reason: accepted (SEC-9)\n    expires: 2027-01-31\n");
        var config = Write("team/keywarden.yaml", "exceptions: exceptions.yaml\nrules: iam-single-active-access-key\n");

        // Run from elsewhere: the exceptions file is found next to the config file, not in the current directory.
        var result = await CliRunner.RunInAsync(Path.GetTempPath(), ["audit", .. OfflineJson, "--config", config]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.All(doc.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("status").GetString() != "PASS"),
            f => Assert.Equal("MUTED", f.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task An_offline_run_ignores_how_the_file_reaches_aws()
    {
        var config = Write("team.yaml", "role-name: Reader\naccounts-file: fleet.txt\nmax-accounts: 4\nsource: live\nmax-key-age: 30\n");
        var result = await CliRunner.RunAsync(["audit", .. OfflineJson, "--config", config]);

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.Equal(30, Judged(result).MaxKeyAge);
    }

    [Fact]
    public async Task A_command_ignores_shared_keys_it_does_not_take()
    {
        var config = Write("team.yaml", "max-key-age: 30\nbenchmark: cis-5.0\n");
        var result = await CliRunner.RunAsync("rules", "--format", "json", "--config", config);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("1.12", result.Stdout); // cis-5.0's id of the single-active-key rule
        Assert.DoesNotContain("1.13 in v1.3.0", result.Stdout);
    }

    [Fact]
    public async Task The_documented_example_parses_and_applies()
    {
        var example = Path.Combine(AppContext.BaseDirectory, "Samples", "keywarden.yaml");
        var file = ConfigFileParser.Parse(File.ReadAllText(example), example);
        // Every shared key and the sections appear in the example, so the documentation shows them all.
        Assert.Equal(ConfigKeys.All.Where(k => !k.SectionOnly).Select(k => k.Name).Except(["rules", "recent-use-guard", "max-plan-age", "source", "evidence", "max-report-age", "role-duration", "max-concurrency"]).Order(),
            file.Shared.Select(v => v.Key.Name).Order());

        var result = await CliRunner.RunAsync(["audit", .. OfflineJson, "--config", example]);

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var parameters = doc.RootElement.GetProperty("parameters");
        Assert.Equal(90, parameters.GetProperty("maxKeyAgeDays").GetInt32());
        Assert.Equal(45, parameters.GetProperty("unusedDays").GetInt32());
        Assert.Equal(4, parameters.GetProperty("rules").GetArrayLength());
        // The example's exceptions file (next to it) mutes ci-deployer.
        Assert.Contains(doc.RootElement.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("principal").GetString() == "ci-deployer" && f.GetProperty("status").GetString() == "MUTED");
    }

    [Fact]
    public void The_example_in_the_docs_is_the_committed_sample()
    {
        var doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "configuration.md")).ReplaceLineEndings("\n");
        var start = doc.LastIndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var shown = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "keywarden.yaml")).ReplaceLineEndings("\n"), shown);
    }
}
