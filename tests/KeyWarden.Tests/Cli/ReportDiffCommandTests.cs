using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyWarden.Tests.Cli;

/// <summary>`keywarden report diff`: new FAILs, resolved ones and those still failing, by account and principal.</summary>
public class ReportDiffCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("keywarden-diff-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The sample audited to JSON without the user <paramref name="without"/>.</summary>
    private async Task<string> Saved(string name, string without, params string[] args)
    {
        var lines = File.ReadAllLines(TestData.FixturePath("sample-report.csv")).Where(l => !l.StartsWith(without + ",", StringComparison.Ordinal));
        var csv = Path.Combine(_dir, name + ".csv");
        File.WriteAllLines(csv, lines);
        var path = Path.Combine(_dir, name + ".json");
        var audit = await CliRunner.RunAsync(["audit", "--rules", "iam-single-active-access-key", "--credential-report", csv, "--as-of", "2026-11-28T09:00:00Z", "--format", "json", "-o", path, .. args]);
        Assert.Equal(ExitCodes.Findings, audit.ExitCode);
        return path;
    }

    private static string[] Principals(JsonElement diff, string list) =>
        [.. diff.GetProperty(list).EnumerateArray().Select(e => e.GetProperty("principal").GetString()!)];

    [Fact]
    public async Task New_resolved_and_still_failing_by_principal_and_exit_1_for_a_new_fail()
    {
        var old = await Saved("old", "dave");
        var current = await Saved("new", "bob");

        var result = await CliRunner.RunAsync("report", "diff", old, current, "--format", "json");

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        var diff = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(["dave"], Principals(diff, "newFails"));
        Assert.Equal(["bob"], Principals(diff, "resolved"));
        Assert.Equal(["carol", "ci-deployer", "erin", "judy", "mallory", "svc,reporting"], Principals(diff, "stillFailing"));
        Assert.Empty(Principals(diff, "notEvaluated"));
        var bob = diff.GetProperty("resolved")[0];
        Assert.Equal("FAIL", bob.GetProperty("oldStatus").GetString());
        Assert.Equal(JsonValueKind.Null, bob.GetProperty("newStatus").ValueKind);
        Assert.Equal("111122223333", bob.GetProperty("accountId").GetString());
        Assert.Equal(1, diff.GetProperty("summary").GetProperty("newFails").GetInt32());
        Assert.Equal(6, diff.GetProperty("summary").GetProperty("stillFailing").GetInt32());
    }

    [Fact]
    public async Task Every_failing_key_of_a_key_level_rule_is_its_own_entry()
    {
        // All rules: the key-level rules give a user one finding per key, and each is diffed on its own.
        var lines = File.ReadAllLines(TestData.FixturePath("sample-report.csv"));
        var csv = Path.Combine(_dir, "all.csv");
        File.WriteAllLines(csv, lines);
        var old = Path.Combine(_dir, "old.json");
        var current = Path.Combine(_dir, "new.json");
        foreach (var (path, asOf) in new[] { (old, "2026-11-28T09:00:00Z"), (current, "2026-11-29T09:00:00Z") })
        {
            var audit = await CliRunner.RunAsync("audit", "--credential-report", csv, "--as-of", asOf, "--format", "json", "-o", path);
            Assert.Equal(ExitCodes.Findings, audit.ExitCode);
        }

        var result = await CliRunner.RunAsync("report", "diff", old, current, "--format", "json");

        var report = JsonDocument.Parse(File.ReadAllText(current)).RootElement;
        var fails = report.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("status").GetString() == "FAIL").ToList();
        var diff = JsonDocument.Parse(result.Stdout).RootElement;
        var still = diff.GetProperty("stillFailing").EnumerateArray().ToList();
        Assert.Equal(fails.Count, still.Count + diff.GetProperty("summary").GetProperty("newFails").GetInt32());
        var perKey = still.Where(e => e.GetProperty("ruleId").GetString() == "iam-access-key-unused").GroupBy(e => e.GetProperty("principal").GetString()).First(g => g.Count() > 1).ToList();
        Assert.Equal(perKey.Count, perKey.Select(e => e.GetProperty("key").GetString()).Distinct().Count());
        Assert.All(perKey, e => Assert.StartsWith("slot:", e.GetProperty("key").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_table_lists_each_change_under_its_account_and_the_counts()
    {
        var old = await Saved("old", "dave");
        var current = await Saved("new", "bob");
        var output = Path.Combine(_dir, "diff.txt");

        var result = await CliRunner.RunAsync("report", "diff", old, current, "-o", output);

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        var lines = File.ReadAllLines(output);
        Assert.Contains("account 111122223333", lines);
        Assert.Contains(lines, l => l.StartsWith("  NEW FAIL       dave  iam-single-active-access-key  (absent -> FAIL): ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  RESOLVED       bob  iam-single-active-access-key  (FAIL -> absent): ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  STILL FAILING  carol  iam-single-active-access-key  (FAIL -> FAIL): ", StringComparison.Ordinal));
        Assert.Equal("1 new FAIL, 1 resolved, 6 still failing, 0 not evaluated", lines[^1]);
    }

    [Fact]
    public async Task A_muted_fail_is_resolved_and_no_new_fail_exits_0()
    {
        var exceptions = Path.Combine(_dir, "exceptions.yaml");
        File.WriteAllText(exceptions, """
            exceptions:
              - principal: carol
                reason: TICKET-9
                expires: 2027-01-31
            """);
        var old = await Saved("old", "nobody");
        var current = await Saved("new", "nobody", "--exceptions", exceptions);

        var result = await CliRunner.RunAsync("report", "diff", old, current, "--format", "json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var diff = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Empty(Principals(diff, "newFails"));
        Assert.Equal(["carol"], Principals(diff, "resolved"));
        Assert.Equal("MUTED", diff.GetProperty("resolved")[0].GetProperty("newStatus").GetString());
    }

    [Fact]
    public async Task Fails_of_an_account_the_new_run_could_not_read_are_not_evaluated_not_resolved()
    {
        var old = await Saved("old", "nobody");
        var node = JsonNode.Parse(File.ReadAllText(old))!;
        node["sources"]![0]!["error"] = "AccessDenied: not authorized";
        node["sources"]![0]!["status"] = "access-denied";
        node["findings"] = new JsonArray();
        foreach (var field in new[] { "principals", "pass", "fail", "warn", "error", "muted" })
        {
            node["summary"]![field] = 0;
        }

        var current = Path.Combine(_dir, "unread.json");
        File.WriteAllText(current, node.ToJsonString());

        var result = await CliRunner.RunAsync("report", "diff", old, current, "--format", "json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var diff = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Empty(Principals(diff, "resolved"));
        Assert.Equal(8, Principals(diff, "notEvaluated").Length);
    }

    [Fact]
    public async Task Malformed_input_and_a_bad_format_are_exit_2()
    {
        var old = await Saved("old", "nobody");
        var bad = Path.Combine(_dir, "bad.json");
        File.WriteAllText(bad, "{\"schemaVersion\": 1,");

        var malformed = await CliRunner.RunAsync("report", "diff", old, bad);
        Assert.Equal(ExitCodes.UsageOrInput, malformed.ExitCode);
        Assert.StartsWith($"keywarden: error: {bad}: not a KeyWarden JSON report", malformed.Stderr);

        var format = await CliRunner.RunAsync("report", "diff", old, old, "--format", "html");
        Assert.Equal(ExitCodes.UsageOrInput, format.ExitCode);
        Assert.Contains("--format: must be table or json (got 'html')", format.Stderr);
    }

    [Fact]
    public async Task Hostile_principal_names_are_escaped_in_the_table()
    {
        var old = await Saved("old", "nobody");
        var text = File.ReadAllText(old).Replace("\"principal\": \"carol\"", "\"principal\": \"carol\\u001b[2Jx\"", StringComparison.Ordinal);
        var current = Path.Combine(_dir, "hostile.json");
        File.WriteAllText(current, text);

        var result = await CliRunner.RunAsync("report", "diff", old, current);

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.DoesNotContain('\u001b', result.Stdout);
        Assert.Contains(@"NEW FAIL       carol\u001b[2Jx", result.Stdout);
    }
}
