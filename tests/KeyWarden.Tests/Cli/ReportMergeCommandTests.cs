using System.Text.Json;

namespace KeyWarden.Tests.Cli;

/// <summary>`keywarden report merge`: reports of different accounts become one; an account twice is exit 2 unless --latest.</summary>
public class ReportMergeCommandTests : IDisposable
{
    private const string Sample = "111122223333";
    private const string Other = "444455556666";

    private readonly string _dir = Directory.CreateTempSubdirectory("keywarden-merge-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The sample audited to JSON, as account <paramref name="account"/>, generated at <paramref name="generatedAt"/>.</summary>
    private async Task<string> SavedReport(string name, string account = Sample, string generatedAt = "2026-11-28T09:30:00Z", params string[] args)
    {
        var path = Path.Combine(_dir, name);
        var audit = await CliRunner.RunAsync(["audit", "--rules", "iam-single-active-access-key", "--credential-report", TestData.FixturePath("sample-report.csv"), "--as-of", "2026-11-28T09:00:00Z", "--format", "json", "-o", path, .. args]);
        Assert.Equal(ExitCodes.Findings, audit.ExitCode);
        var text = File.ReadAllText(path).Replace(Sample, account, StringComparison.Ordinal);
        text = System.Text.RegularExpressions.Regex.Replace(text, "\"generatedAt\": \"[^\"]*\"", $"\"generatedAt\": \"{generatedAt}\"");
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonElement Json(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    [Fact]
    public async Task Two_accounts_merge_into_one_report_with_both_sources_all_findings_and_the_summary_summed()
    {
        var a = await SavedReport("a.json");
        var b = await SavedReport("b.json", Other, "2026-11-28T10:00:00Z");
        var output = Path.Combine(_dir, "all.json");

        var result = await CliRunner.RunAsync("report", "merge", a, b, "-o", output);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var merged = Json(output);
        var one = Json(a);
        Assert.Equal([Sample, Other], merged.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("accountId").GetString()));
        var count = one.GetProperty("findings").GetArrayLength();
        Assert.Equal(2 * count, merged.GetProperty("findings").GetArrayLength());
        Assert.Equal(count, merged.GetProperty("findings").EnumerateArray().Count(f => f.GetProperty("accountId").GetString() == Other));
        foreach (var field in new[] { "principals", "pass", "fail", "warn", "error", "muted" })
        {
            Assert.Equal(2 * one.GetProperty("summary").GetProperty(field).GetInt32(), merged.GetProperty("summary").GetProperty(field).GetInt32());
        }

        Assert.Equal("2026-11-28T10:00:00Z", merged.GetProperty("generatedAt").GetString());

        // The merged report is a report: it renders like any other.
        var render = await CliRunner.RunAsync("report", "render", output);
        Assert.Equal(ExitCodes.Ok, render.ExitCode);
        Assert.Contains(Other, render.Stdout);
    }

    [Fact]
    public async Task The_same_account_twice_is_exit_2_naming_it_and_both_files()
    {
        var a = await SavedReport("a.json");
        var b = await SavedReport("b.json");
        var output = Path.Combine(_dir, "all.json");

        var result = await CliRunner.RunAsync("report", "merge", a, b, "-o", output);

        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Equal($"keywarden: error: account {Sample} is in both {a} and {b}; keep the newest with --latest\n", result.Stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Latest_keeps_each_account_from_the_newest_report()
    {
        var newer = await SavedReport("newer.json", Sample, "2026-11-29T09:30:00Z", "--exceptions", WriteExceptions());
        var older = await SavedReport("older.json", Sample, "2026-11-28T09:30:00Z");
        var other = await SavedReport("other.json", Other);
        var output = Path.Combine(_dir, "all.json");

        var result = await CliRunner.RunAsync("report", "merge", newer, older, other, "--latest", "-o", output);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var merged = Json(output);
        Assert.Equal([Sample, Other], merged.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("accountId").GetString()));
        // bob is muted only in the newer report: the kept one.
        var bob = merged.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("principal").GetString() == "bob").ToList();
        Assert.Equal(["MUTED", "FAIL"], bob.Select(f => f.GetProperty("status").GetString()));
        Assert.Equal(1, merged.GetProperty("summary").GetProperty("muted").GetInt32());
        Assert.Equal("TICKET-7", merged.GetProperty("exceptions")[0].GetProperty("reason").GetString());
        Assert.Equal("2026-11-29T09:30:00Z", merged.GetProperty("generatedAt").GetString());
    }

    private string WriteExceptions()
    {
        var path = Path.Combine(_dir, "exceptions.yaml");
        File.WriteAllText(path, """
            exceptions:
              - principal: bob
                reason: TICKET-7
                expires: 2027-01-31
            """);
        return path;
    }

    [Fact]
    public async Task Reports_of_different_parameters_do_not_merge()
    {
        var a = await SavedReport("a.json");
        var b = await SavedReport("b.json", Other, "2026-11-28T09:30:00Z", "--max-key-age", "30");

        var result = await CliRunner.RunAsync("report", "merge", a, b);

        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Contains($"{b}: audited with other parameters than {a} (max-key-age 30", result.Stderr);
    }

    [Fact]
    public async Task One_report_or_a_malformed_one_is_exit_2()
    {
        var a = await SavedReport("a.json");
        var single = await CliRunner.RunAsync("report", "merge", a);
        Assert.Equal(ExitCodes.UsageOrInput, single.ExitCode);
        Assert.Contains("at least two reports", single.Stderr);

        var bad = Path.Combine(_dir, "bad.json");
        File.WriteAllText(bad, "{\"schemaVersion\": 1, \"findings\": 3}");
        var malformed = await CliRunner.RunAsync("report", "merge", a, bad);
        Assert.Equal(ExitCodes.UsageOrInput, malformed.ExitCode);
        Assert.StartsWith($"keywarden: error: {bad}: not a KeyWarden JSON report", malformed.Stderr);
    }
}
