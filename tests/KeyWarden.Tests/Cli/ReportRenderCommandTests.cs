namespace KeyWarden.Tests.Cli;

/// <summary>`keywarden report render`: a saved JSON report re-rendered gives the bytes the audit itself wrote.</summary>
public class ReportRenderCommandTests : IDisposable
{
    private const string AllFormats = "json,csv,html,junit,ocsf,asff,table";

    private readonly string _dir = Directory.CreateTempSubdirectory("keywarden-render-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Sub(string name) => Directory.CreateDirectory(Path.Combine(_dir, name)).FullName;

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static Task<CliRunner.Result> Audit(params string[] args) =>
        CliRunner.RunAsync(["audit", "--credential-report", TestData.FixturePath("sample-report.csv"), "--as-of", "2026-11-28T09:00:00Z", .. args]);

    private Task AssertRoundTrip(params string[] auditArgs) => AssertRoundTrip(auditArgs, []);

    private async Task AssertRoundTrip(string[] auditArgs, string[] renderArgs)
    {
        var direct = Sub("direct");
        var audit = await Audit([.. auditArgs, "--format", AllFormats, "--output-dir", direct]);
        Assert.True(audit.ExitCode is ExitCodes.Ok or ExitCodes.Findings, audit.Stderr);

        var rendered = Sub("rendered");
        var render = await CliRunner.RunAsync(["report", "render", Path.Combine(direct, "keywarden-report.json"), "--format", AllFormats, "--output-dir", rendered, .. renderArgs]);
        Assert.Equal(ExitCodes.Ok, render.ExitCode);
        Assert.DoesNotContain("error", render.Stderr, StringComparison.Ordinal);

        var files = Directory.GetFiles(direct).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(7, files.Count);
        Assert.Equal(files, Directory.GetFiles(rendered).Select(Path.GetFileName).Order().ToList());
        foreach (var file in files)
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(direct, file!)).SequenceEqual(File.ReadAllBytes(Path.Combine(rendered, file!))),
                $"{file} differs between the audit and the render");
        }
    }

    [Fact]
    public Task Every_format_rendered_from_the_saved_json_equals_the_audits_own_byte_for_byte() => AssertRoundTrip();

    [Fact]
    public async Task An_audit_at_an_instant_with_milliseconds_renders_ocsf_identically()
    {
        // Without --as-of the audit instant is the clock's; it is taken in whole seconds, as the JSON keeps it.
        var clock = new FixedClock(TestData.AsOf.AddMilliseconds(789));
        var direct = Sub("direct-ms");
        var audit = await CliRunner.RunAsync(clock, "audit", "--credential-report", TestData.FixturePath("sample-report.csv"), "--format", "json,ocsf", "--output-dir", direct);
        Assert.Equal(ExitCodes.Findings, audit.ExitCode);
        var rendered = Sub("rendered-ms");
        var render = await CliRunner.RunAsync(clock, "report", "render", Path.Combine(direct, "keywarden-report.json"), "--format", "ocsf", "--output-dir", rendered);
        Assert.Equal(ExitCodes.Ok, render.ExitCode);

        var ocsf = File.ReadAllText(Path.Combine(direct, "keywarden-report.ocsf.json"));
        Assert.Equal(ocsf, File.ReadAllText(Path.Combine(rendered, "keywarden-report.ocsf.json")));
        Assert.DoesNotContain("789,", ocsf, StringComparison.Ordinal);
    }

    [Fact]
    public Task The_round_trip_holds_with_rotation_as_warning_and_a_region() =>
        AssertRoundTrip(["--treat-rotation-as-warning", "--region", "eu-west-1", "--max-key-age", "30"], ["--region", "eu-west-1"]);

    [Fact]
    public Task The_round_trip_holds_with_muted_findings_and_expired_exceptions() =>
        AssertRoundTrip("--exceptions", Write("exceptions.yaml", """
            exceptions:
              - principal: bob
                account: "111122223333"
                reason: TICKET-7
                expires: 2027-01-31
              - principal: ci-*
                reason: old exception
                expires: 2026-01-01
            """));

    [Fact]
    public async Task The_table_goes_to_stdout_as_the_audit_prints_it()
    {
        var json = Path.Combine(_dir, "report.json");
        Assert.Equal(ExitCodes.Findings, (await Audit("--format", "json", "-o", json)).ExitCode);
        var direct = await Audit("--all");
        var render = await CliRunner.RunAsync("report", "render", json, "--all");
        Assert.Equal(ExitCodes.Ok, render.ExitCode);
        Assert.Equal(direct.Stdout, render.Stdout);
    }

    [Theory]
    [InlineData("not json at all", "not a KeyWarden JSON report")]
    [InlineData("{}", "not a KeyWarden JSON report")]
    [InlineData("[1,2]", "not a KeyWarden JSON report")]
    [InlineData("null", "not a KeyWarden JSON report")]
    [InlineData("{\"schemaVersion\": 2}", "not a KeyWarden JSON report")]
    public async Task Malformed_files_are_a_one_line_exit_2_error_naming_the_file(string content, string expected)
    {
        var path = Write("bad.json", content);
        var result = await CliRunner.RunAsync("report", "render", path, "--format", "html");
        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.StartsWith($"keywarden: error: {path}: {expected}", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Theory]
    [InlineData("\"schemaVersion\": 1", "\"schemaVersion\": 7", "schemaVersion 7 is not one this KeyWarden reads")]
    [InlineData("\"status\": \"FAIL\"", "\"status\": \"BROKEN\"", "].status: 'BROKEN' is not one of PASS, FAIL, WARN, ERROR, MUTED")]
    [InlineData("\"ruleId\": \"", "\"ruleId\": \"other.", "is not one this KeyWarden knows")]
    [InlineData("\"generatedAt\": \"2026", "\"generatedAt\": \"yesterday 2026", "generatedAt: 'yesterday")]
    [InlineData("\"fail\": ", "\"fail\": 1", "summary does not match the findings")]
    [InlineData("\"findings\": [", "\"findings\": [null,", "null where an object belongs")]
    [InlineData("\"principal\": \"", "\"principal\": null, \"x\": \"", "not a KeyWarden JSON report")]
    public async Task A_report_edited_out_of_the_contract_is_an_exit_2_error_saying_where(string find, string replace, string expected)
    {
        var json = Path.Combine(_dir, "report.json");
        Assert.Equal(ExitCodes.Findings, (await Audit("--format", "json", "-o", json)).ExitCode);
        var text = File.ReadAllText(json);
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, find);
        File.WriteAllText(json, text[..at] + replace + text[(at + find.Length)..]);

        var result = await CliRunner.RunAsync("report", "render", json, "--format", "html");
        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Contains($"keywarden: error: {json}: ", result.Stderr);
        Assert.Contains(expected, result.Stderr);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Report_without_a_subcommand_prints_the_help_and_exits_2()
    {
        var result = await CliRunner.RunAsync("report");
        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Contains("render", result.Stdout);
        Assert.Contains("keywarden: error: report: no subcommand given", result.Stderr);
    }

    [Fact]
    public async Task A_missing_file_and_a_directory_are_exit_2()
    {
        var missing = await CliRunner.RunAsync("report", "render", Path.Combine(_dir, "nope.json"));
        Assert.Equal(ExitCodes.UsageOrInput, missing.ExitCode);
        Assert.Contains("no such file", missing.Stderr);
        var directory = await CliRunner.RunAsync("report", "render", _dir);
        Assert.Equal(ExitCodes.UsageOrInput, directory.ExitCode);
        Assert.Contains("is a directory", directory.Stderr);
    }

    [Fact]
    public async Task Hostile_strings_in_a_saved_report_stay_data()
    {
        var json = Path.Combine(_dir, "report.json");
        Assert.Equal(ExitCodes.Findings, (await Audit("--format", "json", "-o", json)).ExitCode);
        var text = File.ReadAllText(json).Replace("\"principal\": \"bob\"", "\"principal\": \"bob\\u001b]0;pwned\\u0007<script>alert(1)</script>\"", StringComparison.Ordinal);
        File.WriteAllText(json, text);

        var table = await CliRunner.RunAsync("report", "render", json);
        Assert.Equal(ExitCodes.Ok, table.ExitCode);
        Assert.DoesNotContain('\u001b', table.Stdout.Replace("\u001b[", string.Empty, StringComparison.Ordinal));
        Assert.Contains(@"bob\u001b]0;pwned\u0007", table.Stdout);

        var html = Path.Combine(_dir, "r.html");
        Assert.Equal(ExitCodes.Ok, (await CliRunner.RunAsync("report", "render", json, "--format", "html", "-o", html)).ExitCode);
        Assert.DoesNotContain("<script>alert(1)", File.ReadAllText(html));
    }
}
