using System.Text.Json.Nodes;
using KeyWarden.Cli;
using KeyWarden.Remediation;
using KeyWarden.Tests.Remediation;
using Spectre.Console.Testing;

namespace KeyWarden.Tests.Cli;

public class RemediationCommandTests : TempDirTest
{
    private static readonly string Sample = TestData.FixturePath("sample-report.csv");

    private static void AssertOneLineError(CliRunner.Result result, params string[] mentions)
    {
        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var error = Assert.Single(lines, l => l.StartsWith("keywarden: error:", StringComparison.Ordinal));
        foreach (var mention in mentions)
        {
            Assert.Contains(mention, error);
        }
    }

    private string LivePlan(Action<JsonObject>? edit = null)
    {
        var path = PathOf("plan.json");
        PlanFile.Save(RemediationCases.ThreeUserPlan(), path);
        if (edit is not null)
        {
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            edit(json);
            File.WriteAllText(path, json.ToJsonString());
        }

        return path;
    }

    [Fact]
    public async Task Plan_from_an_offline_report_writes_an_offline_plan_and_exits_0()
    {
        var path = PathOf("plan.json");

        var result = await CliRunner.RunAsync("plan", "--credential-report", Sample, "--out", path);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var plan = PlanFile.Load(path);
        Assert.True(plan.Offline);
        Assert.Equal(["bob", "ci-deployer", "svc,reporting", "judy"], plan.Steps.Select(s => s.User));
        Assert.Equal(["carol", "dave", "erin", "mallory"], plan.Skipped.Select(s => s.User));
        Assert.Equal("2026-11-28T09:00:00Z", plan.CreatedAt); // the fixed clock
        Assert.Contains("bob", result.Stdout); // the readable table
        Assert.Contains(path, result.Stderr);
        Assert.False(File.Exists(ApplySettingsJournal(path)));
    }

    [Fact]
    public async Task Plan_with_include_needs_review_plans_those_too()
    {
        var path = PathOf("plan.json");

        var result = await CliRunner.RunAsync("plan", "--credential-report", Sample, "--out", path, "--include-needs-review");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(6, PlanFile.Load(path).Steps.Count); // rotations (carol, mallory) are not "needs review": only --include-rotations plans them
    }

    [Fact]
    public async Task Plan_with_include_rotations_completes_only_the_rotation_whose_new_key_is_in_use()
    {
        var path = PathOf("plan.json");

        var result = await CliRunner.RunAsync("plan", "--credential-report", Sample, "--out", path, "--include-rotations");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var plan = PlanFile.Load(path);
        var mallory = Assert.Single(plan.Steps, s => s.User == "mallory");
        Assert.Equal(("slot:1", "slot:2"), (mallory.DeactivateKey, mallory.KeepKey));
        Assert.StartsWith("rotation in progress; re-plan after 2026-12-02T09:00:00Z", plan.Skipped.Single(s => s.User == "carol").Reason);
    }

    [Fact]
    public async Task Apply_refuses_an_offline_plan()
    {
        var path = PathOf("plan.json");
        Assert.Equal(ExitCodes.Ok, (await CliRunner.RunAsync("plan", "--credential-report", Sample, "--out", path)).ExitCode);

        var result = await CliRunner.RunAsync("apply", path, "--yes");

        AssertOneLineError(result, "offline", path);
        Assert.False(File.Exists(ApplySettingsJournal(path)));
    }

    [Fact]
    public async Task Apply_refuses_a_missing_plan() =>
        AssertOneLineError(await CliRunner.RunAsync("apply", PathOf("nope.json"), "--yes"), "no such plan file");

    public static TheoryData<string> Tamperings => new()
    {
        "keep equals deactivate",
        "unknown account",
        "schema version 2",
        "not json",
        "missing field",
        "duplicate step",
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task Apply_refuses_a_tampered_plan(string tampering)
    {
        var path = tampering switch
        {
            "keep equals deactivate" => LivePlan(p =>
            {
                p["steps"]![0]!["keepKey"] = RemediationCases.A1;
                p["steps"]![0]!["expected"]!["keep"]!["key"] = RemediationCases.A1;
            }),
            "unknown account" => LivePlan(p => p["steps"]![1]!["accountId"] = "999999999999"),
            "schema version 2" => LivePlan(p => p["schemaVersion"] = 2),
            "missing field" => LivePlan(p => p["steps"]![0]!.AsObject().Remove("deactivateKey")),
            "duplicate step" => LivePlan(p => p["steps"]![2]!["stepId"] = "1"),
            _ => LivePlan(),
        };
        if (tampering == "not json")
        {
            File.WriteAllText(path, File.ReadAllText(path)[..100]);
        }

        var result = await CliRunner.RunAsync("apply", path, "--yes");

        AssertOneLineError(result, path);
        Assert.False(File.Exists(ApplySettingsJournal(path)));
    }

    [Fact]
    public async Task Verify_a_missing_file_exits_2() =>
        AssertOneLineError(await CliRunner.RunAsync("verify", PathOf("nope.json")), "no such file");

    [Fact]
    public async Task Verify_a_tampered_plan_exits_2() =>
        AssertOneLineError(await CliRunner.RunAsync("verify", LivePlan(p => p["schemaVersion"] = 2)), "schema version");

    [Fact]
    public async Task Undo_a_missing_journal_exits_2() =>
        AssertOneLineError(await CliRunner.RunAsync("undo", PathOf("nope.journal.jsonl"), "--yes"), "no such journal");

    [Fact]
    public async Task Undo_a_journal_with_nothing_to_undo_exits_0_without_AWS()
    {
        var path = PathOf("empty.journal.jsonl");
        File.WriteAllText(path, "");

        var result = await CliRunner.RunAsync("undo", path);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("nothing to do", result.Stderr);
    }

    [Fact]
    public async Task Undo_a_corrupt_journal_exits_2()
    {
        var path = PathOf("bad.journal.jsonl");
        File.WriteAllText(path, "garbage\n{\"type\":\"started\",\"planId\":\"p\",\"at\":\"2026-11-28T09:00:00Z\"}\n");

        AssertOneLineError(await CliRunner.RunAsync("undo", path, "--yes"), "line 1");
    }

    [Fact]
    public void Confirmation_without_a_terminal_and_without_yes_refuses()
    {
        var err = new StringWriter();
        var terminal = new Terminal(new TestConsole(), err, new StringReader("yes\n"), IsInteractive: false);

        var e = Assert.Throws<KeyWardenException>(() => Confirmation.Ask(terminal, yes: false, "Deactivate 3 keys?"));

        Assert.Equal(ExitCodes.UsageOrInput, e.ExitCode);
        Assert.Contains("--yes", e.Message);
        Assert.Contains("nothing was changed", e.Message);
        Assert.Equal("", err.ToString()); // it did not even ask
    }

    [Fact]
    public void Confirmation_with_yes_proceeds_without_asking()
    {
        var err = new StringWriter();
        var terminal = new Terminal(new TestConsole(), err, new StringReader(""), IsInteractive: false);

        Assert.True(Confirmation.Ask(terminal, yes: true, "Deactivate 3 keys?"));
        Assert.Equal("", err.ToString());
    }

    [Theory]
    [InlineData("yes\n", true)]
    [InlineData("  YES \n", true)]
    [InlineData("y\n", false)]
    [InlineData("no\n", false)]
    [InlineData("", false)]
    public void Confirmation_on_a_terminal_needs_the_word_yes(string typed, bool proceeds)
    {
        var err = new StringWriter();
        var terminal = new Terminal(new TestConsole(), err, new StringReader(typed), IsInteractive: true);

        Assert.Equal(proceeds, Confirmation.Ask(terminal, yes: false, "Deactivate 3 keys?"));
        Assert.Contains("Deactivate 3 keys? Type 'yes' to continue", err.ToString());
    }

    private static string ApplySettingsJournal(string plan) => KeyWarden.Cli.Settings.ApplySettings.DefaultJournalPath(plan);
}
