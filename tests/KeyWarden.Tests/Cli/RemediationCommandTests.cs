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

    [Theory]
    [InlineData("apply")]
    [InlineData("apply", "--dry-run")]
    public async Task Apply_refuses_a_plan_older_than_max_plan_age_before_any_AWS_call(params string[] command)
    {
        var path = LivePlan(p => p["createdAt"] = "2026-11-01T09:00:00Z");

        var result = await CliRunner.RunAsync([.. command, path, "--yes"]);

        AssertOneLineError(result, path, "27d 0h ago", "--max-plan-age 7d", "Nothing was changed");
        Assert.False(File.Exists(ApplySettingsJournal(path)));
    }

    [Fact]
    public async Task A_smaller_max_plan_age_refuses_a_younger_plan() =>
        AssertOneLineError(
            await CliRunner.RunAsync("apply", LivePlan(p => p["createdAt"] = "2026-11-27T09:00:00Z"), "--yes", "--max-plan-age", "12h"),
            "made 1d 0h ago", "--max-plan-age 12h");

    [Theory]
    [InlineData("30m")]
    [InlineData("0h")]
    [InlineData("7")]
    [InlineData("week")]
    public async Task A_max_plan_age_that_is_not_hours_or_days_exits_2(string age) =>
        AssertOneLineError(await CliRunner.RunAsync("apply", LivePlan(), "--yes", "--max-plan-age", age), "--max-plan-age", age);

    [Fact]
    public async Task Apply_names_unknown_steps_and_principals_matching_nothing()
    {
        var path = LivePlan();

        var result = await CliRunner.RunAsync("apply", path, "--yes", "--step", "2", "--step", "9", "--principal", "zed*");

        AssertOneLineError(result, "--step 9", "--principal zed*", "Nothing was changed");
        Assert.False(File.Exists(ApplySettingsJournal(path)));
    }

    [Fact]
    public async Task Apply_with_step_and_principal_selecting_nothing_together_exits_2() =>
        AssertOneLineError(await CliRunner.RunAsync("apply", LivePlan(), "--yes", "--step", "2", "--principal", "alice"), "select no step");

    [Fact]
    public async Task Apply_dry_run_and_keep_going_are_options_and_an_empty_plan_needs_no_AWS()
    {
        var path = LivePlan(p => p["steps"] = new JsonArray());

        var result = await CliRunner.RunAsync("apply", path, "--dry-run", "--keep-going", "--max-plan-age", "36h");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Stderr);
        Assert.Contains("nothing to apply", result.Stderr);
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
    [InlineData("y\n", true)]
    [InlineData("Y\n", true)]
    [InlineData("yes please\n", false)]
    [InlineData("no\n", false)]
    [InlineData("n\n", false)]
    [InlineData("\n", false)]
    [InlineData("", false)]
    public void Confirmation_on_a_terminal_takes_y_or_yes(string typed, bool proceeds)
    {
        var err = new StringWriter();
        var terminal = new Terminal(new TestConsole(), err, new StringReader(typed), IsInteractive: true);

        Assert.Equal(proceeds, Confirmation.Ask(terminal, yes: false, "Deactivate 3 keys?"));
        Assert.Contains("Deactivate 3 keys? [y/N]", err.ToString());
    }

    [Fact]
    public void Confirmation_without_stdin_and_stderr_terminals_asks_on_the_controlling_terminal_not_stdin()
    {
        var err = new StringWriter();
        var tty = new StringWriter();
        // stdin says yes (a pipe: `yes | keywarden apply`); the person at the terminal says no: no wins.
        var terminal = new Terminal(new TestConsole(), err, new StringReader("yes\n"), IsInteractive: false)
        {
            OpenControllingTerminal = () => new ControllingTerminal(new StringReader("n\n"), tty),
        };

        Assert.False(Confirmation.Ask(terminal, yes: false, "Deactivate 3 keys?"));
        Assert.Contains("Deactivate 3 keys? [y/N]", tty.ToString());
        Assert.Equal("", err.ToString());
    }

    [Fact]
    public void Confirmation_on_the_controlling_terminal_proceeds_on_yes()
    {
        var tty = new StringWriter();
        var terminal = new Terminal(new TestConsole(), new StringWriter(), new StringReader(""), IsInteractive: false)
        {
            OpenControllingTerminal = () => new ControllingTerminal(new StringReader("Yes\n"), tty),
        };

        Assert.True(Confirmation.Ask(terminal, yes: false, "Reactivate 1 key?"));
    }

    [Fact]
    public void Confirmation_refuses_when_no_controlling_terminal_opens()
    {
        var terminal = new Terminal(new TestConsole(), new StringWriter(), new StringReader("yes\n"), IsInteractive: false)
        {
            OpenControllingTerminal = () => null,
        };

        Assert.Equal(ExitCodes.UsageOrInput, Assert.Throws<KeyWardenException>(() => Confirmation.Ask(terminal, yes: false, "Deactivate 3 keys?")).ExitCode);
    }

    /// <summary>A journal as apply writes it (chained): alice's and bob's keys deactivated.</summary>
    private string AppliedJournal(string name = "plan.journal.jsonl")
    {
        var path = PathOf(name);
        using var journal = ChangeJournal.OpenForAppend(path);
        journal.Append(JournalRecord.RunStarted(RemediationCases.PlanId, TestData.AsOf, "apply", RemediationCases.Account, "arn:aws:iam::123456789012:user/rem", new string('b', 64)));
        foreach (var (step, user, key, keep) in new[] { ("1", "alice", RemediationCases.A1, RemediationCases.A2), ("2", "bob", RemediationCases.B1, RemediationCases.B2) })
        {
            var intent = new JournalRecord(JournalRecord.Intent, RemediationCases.PlanId, "2026-11-28T09:00:00Z", step, JournalRecord.Deactivate,
                RemediationCases.Account, user, key, keep, Reason: "deactivating");
            journal.Append(intent);
            journal.Append(intent with { Type = JournalRecord.Outcome, Result = StepResult.Changed, Reason = "deactivated", StatusAfter = "Inactive" });
        }

        journal.Append(JournalRecord.RunFinished(RemediationCases.PlanId, TestData.AsOf, "apply", RemediationCases.Account, interrupted: false));
        return path;
    }

    private static void EditLine(string path, int line, Func<string, string> edit)
    {
        var lines = File.ReadAllLines(path);
        lines[line - 1] = edit(lines[line - 1]);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
    }

    // apply is not run here: it reads the journal only after STS (the lock is taken after the account check), and unit
    // tests make no AWS call. The emulator tests cover apply with a journal in use.
    [Theory]
    [InlineData("undo")]
    [InlineData("verify")]
    public async Task A_journal_with_an_edited_line_is_refused_with_exit_2_naming_the_line_and_left_as_it_was(string command)
    {
        var journal = AppliedJournal();
        EditLine(journal, 3, l => l.Replace("\"changed\"", "\"failed\"")); // bob's and alice's fates swapped by hand
        var before = File.ReadAllBytes(journal);

        var result = command == "undo" ? await CliRunner.RunAsync("undo", journal, "--yes") : await CliRunner.RunAsync("verify", journal);

        AssertOneLineError(result, journal, "line 4", "hash chain");
        Assert.Equal(before, File.ReadAllBytes(journal));
    }

    public static TheoryData<string, string, string> UntrustworthyJournals => new()
    {
        { "intent without keyId", """{"type":"intent","planId":"p","at":"2026-11-28T09:00:00Z","stepId":"1","action":"deactivate","accountId":"123456789012","user":"alice"}""", "keyId is missing" },
        { "intent without user", """{"type":"intent","planId":"p","at":"2026-11-28T09:00:00Z","stepId":"1","action":"deactivate","accountId":"123456789012","keyId":"AKIAALICE00000000001"}""", "user is missing" },
        { "duplicate result", """{"type":"outcome","planId":"p","at":"2026-11-28T09:00:00Z","stepId":"1","action":"deactivate","accountId":"123456789012","user":"alice","keyId":"AKIAALICE00000000001","result":"failed","result":"changed"}""", "uplicate" },
        { "bad at", """{"type":"intent","planId":"p","at":"28/11/2026 nine","stepId":"1","action":"deactivate","accountId":"123456789012","user":"alice","keyId":"AKIAALICE00000000001"}""", "not a timestamp" },
    };

    [Theory]
    [MemberData(nameof(UntrustworthyJournals))]
    public async Task Undo_of_a_journal_record_it_cannot_trust_exits_2_naming_the_line(string what, string record, string mention)
    {
        var path = PathOf(what.Replace(' ', '-') + ".journal.jsonl");
        File.WriteAllText(path, """{"type":"started","planId":"p","at":"2026-11-28T09:00:00Z","action":"apply"}""" + "\n" + record + "\n");

        AssertOneLineError(await CliRunner.RunAsync("undo", path, "--yes"), path, "line 2", mention);
    }

    [Theory]
    [InlineData("--principal", "zed*", "--principal zed*")]
    [InlineData("--step", "9", "--step 9")]
    public async Task Undo_with_a_selection_that_matches_nothing_exits_2_naming_it_before_any_AWS_call(string option, string value, string mention)
    {
        var journal = AppliedJournal();
        var before = File.ReadAllBytes(journal);

        var result = await CliRunner.RunAsync("undo", journal, "--yes", "--principal", "alice", option, value);

        AssertOneLineError(result, mention, "Nothing was changed");
        Assert.Equal(before, File.ReadAllBytes(journal));
    }

    [Fact]
    public async Task Undo_while_another_run_holds_the_journal_exits_3_with_the_designed_message()
    {
        var journal = AppliedJournal();
        using var holder = ChangeJournal.OpenForAppend(journal);

        var result = await CliRunner.RunAsync("undo", journal, "--yes");

        Assert.Equal(ExitCodes.AwsOrRuntime, result.ExitCode);
        var error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("keywarden: error:", StringComparison.Ordinal));
        Assert.Contains("another apply or undo holds this journal", error);
        Assert.DoesNotContain("IOException", result.Stderr);
        Assert.DoesNotContain("being used by another process", result.Stderr);
    }

    [Fact]
    public async Task Verify_reads_a_journal_as_a_journal_even_when_a_record_mentions_the_plan_kind()
    {
        // Before: any file containing "keywarden-remediation-plan" (and not named *.jsonl) was loaded as a plan.
        var path = PathOf("journal.json");
        using (var journal = ChangeJournal.OpenForAppend(path))
        {
            journal.Append(JournalRecord.RunStarted("p", TestData.AsOf, "apply", RemediationCases.Account, "arn:aws:iam::123456789012:user/keywarden-remediation-plan", null));
        }

        var result = await CliRunner.RunAsync("verify", path);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("names no user to verify", result.Stderr);
    }

    [Fact]
    public async Task Verify_reads_a_plan_as_a_plan_whatever_its_name()
    {
        var plan = LivePlan(p => p["schemaVersion"] = 2);
        var renamed = PathOf("plan.jsonl");
        File.Move(plan, renamed);

        AssertOneLineError(await CliRunner.RunAsync("verify", renamed), "schema version");
    }

    [Fact]
    public async Task Verify_of_a_truncated_plan_gives_the_plan_error()
    {
        var plan = LivePlan();
        File.WriteAllText(plan, File.ReadAllText(plan)[..200]);

        AssertOneLineError(await CliRunner.RunAsync("verify", plan), plan, "not a valid KeyWarden plan");
    }

    private static string ApplySettingsJournal(string plan) => KeyWarden.Cli.Settings.ApplySettings.DefaultJournalPath(plan);
}
