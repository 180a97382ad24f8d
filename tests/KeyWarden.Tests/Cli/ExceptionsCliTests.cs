using System.Text.Json;

namespace KeyWarden.Tests.Cli;

public class ExceptionsCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("keywarden-exceptions-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string content)
    {
        var path = Path.Combine(_dir, "exceptions.yaml");
        File.WriteAllText(path, content);
        return path;
    }

    private static Task<CliRunner.Result> Audit(params string[] args) =>
        CliRunner.RunAsync(["audit", "--rules", "iam-single-active-access-key", "--credential-report", TestData.FixturePath("sample-report.csv"), .. args]);

    // The eight failing principals of the sample.
    private const string MuteAll = """
        exceptions:
          - principal: "*"
            reason: accepted until the migration (SEC-9)
            expires: 2027-01-31
        """;

    [Fact]
    public async Task Muting_every_fail_exits_0_and_the_table_shows_the_reason()
    {
        var result = await Audit("--exceptions", Write(MuteAll));
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("MUTED", result.Stdout);
        Assert.Contains("accepted until the migration", result.Stdout);
        Assert.Contains("8 muted", result.Stdout);
    }

    [Fact]
    public async Task Json_carries_muted_findings_and_the_exceptions_list()
    {
        var path = Write("""
            exceptions:
              - principal: bob
                account: "111122223333"
                reason: TICKET-7
                expires: 2027-01-31
              - principal: ci-*
                reason: old exception
                expires: 2026-01-01
            """);
        var result = await Audit("--exceptions", path, "--format", "json");
        Assert.Equal(ExitCodes.Findings, result.ExitCode); // others still fail
        using var doc = JsonDocument.Parse(result.Stdout);
        var bob = doc.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("principal").GetString() == "bob");
        Assert.Equal("MUTED", bob.GetProperty("status").GetString());
        Assert.Equal("TICKET-7", bob.GetProperty("muteReason").GetString());
        var ci = doc.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("principal").GetString() == "ci-deployer");
        Assert.Equal("FAIL", ci.GetProperty("status").GetString());

        var exceptions = doc.RootElement.GetProperty("exceptions").EnumerateArray().ToList();
        Assert.Equal(2, exceptions.Count);
        Assert.Equal("111122223333", exceptions[0].GetProperty("account").GetString());
        Assert.False(exceptions[0].GetProperty("expired").GetBoolean());
        Assert.Equal(1, exceptions[0].GetProperty("matched").GetInt32());
        Assert.Equal(JsonValueKind.Null, exceptions[1].GetProperty("account").ValueKind);
        Assert.True(exceptions[1].GetProperty("expired").GetBoolean());
        Assert.Equal("2026-01-01", exceptions[1].GetProperty("expires").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("summary").GetProperty("muted").GetInt32());

        Assert.Contains("keywarden: note: exception for ci-*", result.Stderr);
        Assert.Contains("expired 2026-01-01", result.Stderr);
    }

    [Fact]
    public async Task Without_exceptions_the_json_list_is_empty()
    {
        var result = await Audit("--format", "json");
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Empty(doc.RootElement.GetProperty("exceptions").EnumerateArray());
    }

    [Theory]
    [InlineData("exceptions: [\n", "not valid YAML")]
    [InlineData("exceptions:\n  - principal: bob\n    expires: 2027-01-01\n", "missing 'reason'")]
    [InlineData("exceptions:\n  - principal: bob\n    reason: x\n", "missing 'expires'")]
    [InlineData("exceptions:\n  - principal: bob\n    reason: x\n    expires: 31/01/2027\n", "is not a date")]
    [InlineData("exceptions:\n  - principal: bob\n    reason: x\n    expires: 2027-01-01\n    note: y\n", "unknown key 'note'")]
    public async Task An_invalid_file_is_a_one_line_error_with_exit_2(string content, string expected)
    {
        var path = Write(content);
        var result = await Audit("--exceptions", path);
        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("keywarden: error: ", line);
        Assert.Contains(path, line);
        Assert.Contains(expected, line);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public async Task A_missing_file_exits_2()
    {
        var result = await Audit("--exceptions", Path.Combine(_dir, "nope.yaml"));
        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Contains("no such file", result.Stderr);
    }

    [Fact]
    public async Task Every_format_can_be_written_in_one_run_with_sensible_names()
    {
        var dir = Path.Combine(_dir, "out");
        var result = await Audit("--exceptions", Write(MuteAll), "--format", "json,csv,html,ocsf,asff,junit,table", "--output-dir", dir);
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var names = Directory.GetFiles(dir).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(
            ["keywarden-report.asff.json", "keywarden-report.csv", "keywarden-report.html", "keywarden-report.json", "keywarden-report.junit.xml", "keywarden-report.ocsf.json", "keywarden-report.txt"],
            names);
        Assert.Contains("skipped=\"8\"", File.ReadAllText(Path.Combine(dir, "keywarden-report.junit.xml")));
        Assert.Contains("SUPPRESSED", File.ReadAllText(Path.Combine(dir, "keywarden-report.asff.json")));
        Assert.Contains("SEC-9", File.ReadAllText(Path.Combine(dir, "keywarden-report.html")));
    }

    [Theory]
    [InlineData("deep")]
    [InlineData("max-date")]
    [InlineData("alias")]
    [InlineData("duplicate")]
    public async Task Hostile_exceptions_files_are_one_line_errors_with_exit_2_or_work(string kind)
    {
        var content = kind switch
        {
            "deep" => "exceptions: " + new string('[', 100_000) + new string(']', 100_000) + "\n",
            "max-date" => "exceptions:\n  - principal: \"*\"\n    reason: forever\n    expires: 9999-12-31\n",
            "alias" => "exceptions:\n  - &e {principal: bob, reason: x, expires: 2027-01-01}\n  - *e\n",
            _ => "exceptions:\n  - principal: bob\n    reason: x\n    reason: y\n    expires: 2027-01-01\n",
        };

        var result = await Audit("--exceptions", Write(content));

        if (kind == "max-date")
        {
            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Contains("8 muted", result.Stdout);
            return;
        }

        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("keywarden: error: ", result.Stderr);
        Assert.DoesNotContain("unexpected", result.Stderr);
    }

    [Fact]
    public async Task A_file_larger_than_1_MiB_is_refused_without_being_read_whole()
    {
        var path = Path.Combine(_dir, "huge.yaml");
        using (var file = File.Create(path))
        {
            file.SetLength(64L * 1024 * 1024); // sparse: 64 MiB of NULs
        }

        var result = await Audit("--exceptions", path);

        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Contains("larger than 1 MiB; not an exceptions file", result.Stderr);
    }

    [Fact]
    public async Task A_device_that_never_ends_is_refused_after_1_MiB()
    {
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        var result = await Audit("--exceptions", "/dev/zero");

        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Contains("/dev/zero: larger than 1 MiB", result.Stderr);
    }
}
