using System.Text.Json;

namespace KeyWarden.Tests.Cli;

public class AuditCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("keywarden-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private const string Header =
        "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,"
        + "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
        + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,"
        + "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n";

    private const string PassingRow =
        "alice,arn:aws:iam::111122223333:user/alice,2025-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,"
        + "true,2026-10-01T00:00:00+00:00,2026-11-27T00:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";

    [Fact]
    public async Task Sample_with_failures_exits_1_and_shows_the_failing_principals()
    {
        var result = await CliRunner.RunAsync("audit", "--rules", "iam-single-active-access-key", "--credential-report", TestData.FixturePath("sample-report.csv"));

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.Contains("bob", result.Stdout);
        Assert.Contains("FAIL", result.Stdout);
        Assert.DoesNotContain("alice", result.Stdout); // passes are hidden without --all
        Assert.Contains("16 principals: 8 pass, 8 fail", result.Stdout);
    }

    [Fact]
    public async Task All_shows_passing_principals_too()
    {
        var result = await CliRunner.RunAsync("audit", "--credential-report", TestData.FixturePath("sample-report.csv"), "--all");
        Assert.Contains("alice", result.Stdout);
        Assert.Contains("<root_account>", result.Stdout);
    }

    private const string RootRow =
        "<root_account>,arn:aws:iam::111122223333:root,2021-01-01T00:00:00+00:00,not_supported,N/A,not_supported,not_supported,true,"
        + "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";

    [Fact]
    public async Task A_report_without_failures_exits_0()
    {
        var path = Write("ok.csv", Header + RootRow + PassingRow);
        var result = await CliRunner.RunAsync("audit", "--rules", "iam-single-active-access-key", "--credential-report", path);
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("2 principals: 2 pass, 0 fail", result.Stdout);
    }

    // ---- nothing evaluated is not a pass --------------------------------------------------------------

    [Theory]
    [InlineData("json")]
    [InlineData("csv")]
    [InlineData("ocsf")]
    [InlineData("asff")]
    [InlineData("junit")]
    [InlineData("table")]
    public async Task A_header_only_report_is_a_source_error_exit_3_in_every_format(string format)
    {
        var path = Write("empty.csv", Header);

        var result = await CliRunner.RunAsync("audit", "--credential-report", path, "--format", format);

        Assert.Equal(ExitCodes.AwsOrRuntime, result.ExitCode);
        Assert.Contains($"keywarden: error: account: could not evaluate: nothing to evaluate: {path} has a header but no rows", result.Stderr);
        if (format != "table")
        {
            Assert.Contains("nothing to evaluate", result.Stdout);
        }
    }

    [Fact]
    public async Task A_report_without_the_root_row_is_a_source_error_exit_3_and_still_shows_its_users()
    {
        var path = Write("no-root.csv", Header + PassingRow);

        var result = await CliRunner.RunAsync("audit", "--credential-report", path, "--format", "json");

        Assert.Equal(ExitCodes.AwsOrRuntime, result.ExitCode);
        Assert.Contains("has no <root_account> row", result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Contains("has no <root_account> row", doc.RootElement.GetProperty("sources")[0].GetProperty("error").GetString());
        Assert.Equal("alice", doc.RootElement.GetProperty("findings")[0].GetProperty("principal").GetString());
    }

    [Fact]
    public async Task Plan_from_a_report_without_the_root_row_writes_no_plan_and_exits_3()
    {
        var path = Write("no-root.csv", Header + PassingRow);
        var plan = Path.Combine(_dir, "plan.json");

        var result = await CliRunner.RunAsync("plan", "--credential-report", path, "--out", plan);

        Assert.Equal(ExitCodes.AwsOrRuntime, result.ExitCode);
        Assert.False(File.Exists(plan));
    }

    [Fact]
    public async Task Json_goes_to_stdout_and_nothing_else_does()
    {
        var result = await CliRunner.RunAsync("audit", "--rules", "iam-single-active-access-key", "--credential-report", TestData.FixturePath("sample-report.csv"), "--format", "json");
        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal(8, doc.RootElement.GetProperty("summary").GetProperty("fail").GetInt32());
        Assert.Equal("2026-11-28T09:00:00Z", doc.RootElement.GetProperty("asOf").GetString());
    }

    [Fact]
    public async Task Output_writes_the_file_and_leaves_stdout_empty()
    {
        var output = Path.Combine(_dir, "report.csv");
        var result = await CliRunner.RunAsync("audit", "--credential-report", TestData.FixturePath("sample-report.csv"), "--format", "csv", "-o", output);
        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith("ruleId,accountId", File.ReadAllText(output));
        Assert.Contains("wrote", result.Stderr);
    }

    [Fact]
    public async Task Output_dir_writes_one_file_per_format()
    {
        var dir = Path.Combine(_dir, "out");
        var result = await CliRunner.RunAsync("audit", "--credential-report", TestData.FixturePath("sample-report.csv"), "--format", "json,csv,table", "--output-dir", dir);
        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(dir, "keywarden-report.json")));
        Assert.True(File.Exists(Path.Combine(dir, "keywarden-report.csv")));
        Assert.Contains("bob", File.ReadAllText(Path.Combine(dir, "keywarden-report.txt")));
    }

    [Fact]
    public async Task As_of_changes_the_evaluation_instant()
    {
        // A year later nothing in the sample is in use: carol's and mallory's rotations are no longer in progress.
        var result = await CliRunner.RunAsync("audit", "--credential-report", TestData.FixturePath("sample-report.csv"), "--format", "json", "--as-of", "2027-11-28T00:00:00Z");
        using var doc = JsonDocument.Parse(result.Stdout);
        var classifications = doc.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => f.GetProperty("classification").GetString()).OfType<string>().ToHashSet();
        Assert.DoesNotContain("rotation-in-progress", classifications);
        Assert.DoesNotContain("both-in-use", classifications);
    }

    [Fact]
    public async Task Treat_rotation_as_warning_turns_rotations_into_warn()
    {
        var result = await CliRunner.RunAsync("audit", "--credential-report", TestData.FixturePath("sample-report.csv"), "--format", "json", "--treat-rotation-as-warning");
        using var doc = JsonDocument.Parse(result.Stdout);
        var warned = doc.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("status").GetString() == "WARN").ToList();
        Assert.Equal(["carol", "mallory"], warned.Select(f => f.GetProperty("principal").GetString()).Order());
        Assert.All(warned, f => Assert.Equal("rotation-in-progress", f.GetProperty("classification").GetString()));
    }

    [Fact]
    public async Task Thresholds_reach_the_report_parameters()
    {
        var result = await CliRunner.RunAsync("audit", "--credential-report", TestData.FixturePath("sample-report.csv"), "--format", "json",
            "--max-key-age", "45", "--in-use-days", "14", "--rotation-grace-days", "3");
        using var doc = JsonDocument.Parse(result.Stdout);
        var parameters = doc.RootElement.GetProperty("parameters");
        Assert.Equal(45, parameters.GetProperty("maxKeyAgeDays").GetInt32());
        Assert.Equal(14, parameters.GetProperty("inUseDays").GetInt32());
        Assert.Equal(3, parameters.GetProperty("rotationGraceDays").GetInt32());
    }

    [Theory]
    [InlineData(Header + "\"unterminated,", "line 2")]
    [InlineData("", "empty")]
    [InlineData("name,email\nbob,bob@example.com\n", "missing column")]
    [InlineData(Header + "bob,arn:aws:iam::111122223333:user/bob,too,few\n", "line 2")]
    public async Task A_malformed_report_is_a_one_line_error_with_exit_2(string content, string expected)
    {
        var path = Write("bad.csv", content);
        var result = await CliRunner.RunAsync("audit", "--credential-report", path);

        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("keywarden: error: ", line);
        Assert.Contains(path, line);
        Assert.Contains(expected, line);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public async Task Binary_input_is_rejected_with_exit_2()
    {
        var path = Path.Combine(_dir, "image.png");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]);
        var result = await CliRunner.RunAsync("audit", "--credential-report", path);
        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Contains(path, result.Stderr);
    }

    [Fact]
    public async Task Debug_adds_the_stack_trace()
    {
        var path = Write("bad.csv", "nope\n");
        var quiet = await CliRunner.RunAsync("audit", "--credential-report", path);
        var debug = await CliRunner.RunAsync("audit", "--credential-report", path, "--debug");
        Assert.DoesNotContain(" at ", quiet.Stderr);
        Assert.Contains(" at ", debug.Stderr);
    }

    [Fact]
    public async Task Version_prints_the_tool_version_and_exits_0()
    {
        var result = await CliRunner.RunAsync("--version");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(KeyWarden.Reports.ToolInfo.Current.Version, result.Stdout.Trim());
    }

    [Fact]
    public async Task Principal_filter_keeps_only_matching_users()
    {
        var result = await CliRunner.RunAsync("audit", "--rules", "iam-single-active-access-key", "--credential-report", TestData.FixturePath("sample-report.csv"), "--format", "json", "--principal", "BO?", "--principal", "svc,*");
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal(["bob", "svc,reporting"], doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("principal").GetString()).Order());
    }

    [Theory]
    [InlineData("audit")]
    [InlineData("plan")]
    public async Task Principal_globs_that_match_nothing_exit_2_naming_them(string command)
    {
        var plan = Path.Combine(_dir, "plan.json");

        string[] output = command == "plan" ? ["--out", plan] : [];

        var result = await CliRunner.RunAsync([command, "--credential-report", TestData.FixturePath("sample-report.csv"), .. output, "--principal", "bob", "--principal", "nobody*", "--principal", "bobb?"]);

        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Equal("keywarden: error: --principal 'nobody*', 'bobb?' matched no principal in the data read; nothing to evaluate for them", result.Stderr.Trim());
        Assert.False(File.Exists(plan));
    }

    [Theory]
    [InlineData("2026-11-01T00:00:00Z", "2026-11-28T06:00:00Z")]
    [InlineData("2026-11-28T05:59:59Z", "2026-11-28T06:00:00Z")]
    public async Task An_as_of_earlier_than_the_data_exits_2_naming_the_newest_timestamp(string asOf, string newest)
    {
        var result = await CliRunner.RunAsync("audit", "--credential-report", TestData.FixturePath("sample-report.csv"), "--as-of", asOf);

        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.StartsWith($"keywarden: error: --as-of {asOf} is earlier than the data's newest timestamp {newest} (", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task An_as_of_at_the_data_s_newest_timestamp_is_fine()
    {
        var result = await CliRunner.RunAsync("audit", "--credential-report", TestData.FixturePath("sample-report.csv"), "--as-of", "2026-11-28T06:00:00Z");

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
    }

    [Fact]
    public async Task A_missing_file_exits_2()
    {
        var result = await CliRunner.RunAsync("audit", "--credential-report", Path.Combine(_dir, "nope.csv"));
        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Contains("no such file", result.Stderr);
    }

    [Theory]
    [InlineData("audit", "--bogus")]
    [InlineData("audit", "--source", "magic")]
    [InlineData("audit", "--as-of", "yesterday-ish")]
    [InlineData("audit", "--max-key-age", "0")]
    [InlineData("audit", "--format", "json,csv")]
    [InlineData("audit", "--format", "xml", "--credential-report", "x.csv")]
    [InlineData("nonsense")]
    public async Task Usage_errors_exit_2_with_one_line(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);
        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.StartsWith("keywarden: error: ", result.Stderr);
    }
}
