using System.Text.Json;
using System.Text.Json.Nodes;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.EmulatorTests.Infrastructure;

namespace KeyWarden.EmulatorTests.Cli;

/// <summary>
/// The whole remediation path through the real CLI against moto with auth on (signatures verified, policies
/// evaluated): audit → plan → apply → verify → undo, the preconditions, idempotence, missing permission and
/// crashes (SIGKILL between steps and inside a step).
/// </summary>
public sealed class RemediationCliEmulatorTests() : PlanScratchDirectory("keywarden-remediation-")
{
    private static Task<RemediationWorld> WorldAsync() => RemediationWorld.CreateAsync("r");

    /// <summary>A user with two active keys of which the second was really used: the first is the forgotten key.</summary>
    private static async Task<SeededUser> ForgottenKeyUserAsync(RemediationWorld world)
    {
        var user = await world.Seeder.CreateUserAsync(world.Tag, keys: [KeyState.Active, KeyState.Active]);
        await world.Seeder.UseKeyAsync(user.Keys[1]);
        return user;
    }

    private Task<KeywardenProcess.Result> Run(RemediationWorld world, params string[] args) => Run(world, world.Remediator, args);

    private static Task<KeywardenProcess.Result> Run(RemediationWorld world, MotoCredentials credentials, params string[] args) =>
        KeywardenProcess.RunAsync(world.Moto, credentials, args);

    private async Task PlanAsync(RemediationWorld world, params string[] extra)
    {
        var plan = await Run(world, ["plan", "--out", PlanPath, "--principal", $"{world.Tag}-*", .. extra]);
        Assert.True(plan.ExitCode == 0, plan.Stderr);
    }

    private static async Task<IReadOnlyDictionary<string, string>> StatesAsync(RemediationWorld world, SeededUser user) =>
        await AwsCli.ListAccessKeysAsync(world.Moto, world.Moto.Admin, user.UserName);

    private void EditPlan(Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(File.ReadAllText(PlanPath))!.AsObject();
        edit(json);
        File.WriteAllText(PlanPath, json.ToJsonString());
    }

    private static async Task SetStatusAsync(RemediationWorld world, SeededUser user, SeededKey key, string status)
    {
        using var admin = world.Moto.CreateIamClient(world.Moto.Admin);
        await admin.UpdateAccessKeyAsync(new UpdateAccessKeyRequest { UserName = user.UserName, AccessKeyId = key.AccessKeyId, Status = status });
    }

    private IReadOnlyList<JsonElement> Journal() =>
        File.ReadAllLines(JournalPath).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [SkippableFact]
    public async Task Audit_plan_apply_verify_undo_keeps_the_used_key_and_puts_everything_back()
    {
        var world = await WorldAsync();
        var user = await ForgottenKeyUserAsync(world);
        var (forgotten, used) = (user.Keys[0].AccessKeyId, user.Keys[1].AccessKeyId);

        var audit = await Run(world, "audit", "--format", "json", "--principal", $"{world.Tag}-*");
        Assert.Equal(1, audit.ExitCode);
        var finding = JsonDocument.Parse(audit.Stdout).RootElement.GetProperty("findings")[0];
        Assert.Equal("FAIL", finding.GetProperty("status").GetString());
        Assert.Equal(used, finding.GetProperty("decision").GetProperty("keep").GetString());

        await PlanAsync(world);
        var step = Assert.Single(JsonDocument.Parse(File.ReadAllText(PlanPath)).RootElement.GetProperty("steps").EnumerateArray());
        Assert.Equal(forgotten, step.GetProperty("deactivateKey").GetString());
        Assert.Equal(used, step.GetProperty("keepKey").GetString());
        Assert.Equal(2, (await StatesAsync(world, user)).Values.Count(s => s == "Active")); // plan changed nothing

        var refused = await Run(world, "apply", PlanPath);
        Assert.Equal(2, refused.ExitCode); // no terminal and no --yes
        Assert.False(File.Exists(JournalPath)); // the journal it locked before asking is not left behind
        Assert.Equal(2, (await StatesAsync(world, user)).Values.Count(s => s == "Active"));

        var apply = await Run(world, "apply", PlanPath, "--yes");
        Assert.True(apply.ExitCode == 0, apply.Stderr);

        var verify = await Run(world, "verify", PlanPath);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        var afterApply = await StatesAsync(world, user);
        Assert.Equal("Inactive", afterApply[forgotten]);
        Assert.Equal("Active", afterApply[used]);

        var undo = await Run(world, "undo", JournalPath, "--yes");
        Assert.True(undo.ExitCode == 0, undo.Stderr);
        Assert.All((await StatesAsync(world, user)).Values, s => Assert.Equal("Active", s));
        Assert.Equal(1, (await Run(world, "verify", JournalPath)).ExitCode); // two active keys again
    }

    [SkippableFact]
    public async Task Applying_twice_changes_nothing_the_second_time()
    {
        var world = await WorldAsync();
        var user = await ForgottenKeyUserAsync(world);
        await PlanAsync(world);

        Assert.Equal(0, (await Run(world, "apply", PlanPath, "--yes")).ExitCode);
        var linesAfterFirst = Journal().Count(r => r.GetProperty("type").GetString() == "intent");
        var second = await Run(world, "apply", PlanPath, "--yes");

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("already", second.Stdout);
        Assert.Equal(linesAfterFirst, Journal().Count(r => r.GetProperty("type").GetString() == "intent"));
        Assert.Equal("Inactive", (await StatesAsync(world, user))[user.Keys[0].AccessKeyId]);

        // A fresh journal: the live re-check finds the key already Inactive and sends nothing.
        var third = await Run(world, "apply", PlanPath, "--yes", "--journal", Path.Combine(Dir, "other.jsonl"));
        Assert.Equal(0, third.ExitCode);
        Assert.Contains("already-done", File.ReadAllText(Path.Combine(Dir, "other.jsonl")));
    }

    [SkippableFact]
    public async Task A_key_used_after_the_plan_is_left_alone_with_exit_4()
    {
        var world = await WorldAsync();
        var user = await ForgottenKeyUserAsync(world);
        await PlanAsync(world);
        await world.Seeder.UseKeyAsync(user.Keys[0]); // the "forgotten" key turns out to be in use

        var apply = await Run(world, "apply", PlanPath, "--yes");

        Assert.Equal(4, apply.ExitCode);
        Assert.Contains("after the plan saw it", apply.Stderr + apply.Stdout);
        Assert.All((await StatesAsync(world, user)).Values, s => Assert.Equal("Active", s));
    }

    [SkippableFact]
    public async Task A_kept_key_deactivated_meanwhile_blocks_the_step()
    {
        var world = await WorldAsync();
        var user = await ForgottenKeyUserAsync(world);
        await PlanAsync(world);
        using (var admin = world.Moto.CreateIamClient(world.Moto.Admin))
        {
            await admin.UpdateAccessKeyAsync(new UpdateAccessKeyRequest { UserName = user.UserName, AccessKeyId = user.Keys[1].AccessKeyId, Status = AccessKeyStatus.Inactive });
        }

        var apply = await Run(world, "apply", PlanPath, "--yes");

        Assert.Equal(4, apply.ExitCode);
        Assert.Contains("would leave", apply.Stderr + apply.Stdout);
        Assert.Equal("Active", (await StatesAsync(world, user))[user.Keys[0].AccessKeyId]);
    }

    [SkippableFact]
    public async Task The_key_keywarden_runs_with_is_never_deactivated()
    {
        var world = await WorldAsync();
        // The remediator itself has two keys; it runs with the one the plan would deactivate.
        var self = await world.Seeder.CreateUserAsync(world.Tag, policyDocument: RepositoryFiles.RemediationPolicy(), keys: [KeyState.Active, KeyState.Active]);
        await world.Seeder.UseKeyAsync(self.Keys[1]);
        var plan = await Run(world, self.Keys[1].Credentials, "plan", "--out", PlanPath, "--principal", $"{world.Tag}-*");
        Assert.Equal(0, plan.ExitCode);
        Assert.Contains(self.Keys[0].AccessKeyId, File.ReadAllText(PlanPath));

        var apply = await Run(world, self.Keys[0].Credentials, "apply", PlanPath, "--yes", "--allow-recently-used");

        Assert.Equal(4, apply.ExitCode);
        Assert.Contains("running with", apply.Stderr + apply.Stdout);
        Assert.All((await StatesAsync(world, self)).Values, s => Assert.Equal("Active", s));
    }

    [SkippableFact]
    public async Task A_recently_used_key_needs_allow_recently_used()
    {
        var world = await WorldAsync();
        var user = await world.Seeder.CreateUserAsync(world.Tag, keys: [KeyState.Active, KeyState.Active]);
        await world.Seeder.UseKeyAsync(user.Keys[0]);
        await world.Seeder.UseKeyAsync(user.Keys[1]);
        // Both keys are seconds old and in use: both-in-use (needs review) or, when moto's creation times differ, a rotation
        // in progress (never planned by default). Neither is planned without asking; both flags plan it either way.
        await PlanAsync(world);
        Assert.Empty(JsonDocument.Parse(File.ReadAllText(PlanPath)).RootElement.GetProperty("steps").EnumerateArray());
        await PlanAsync(world, "--include-needs-review", "--include-rotations");

        var guarded = await Run(world, "apply", PlanPath, "--yes");
        Assert.Equal(4, guarded.ExitCode);
        Assert.Contains("recent-use guard", guarded.Stderr + guarded.Stdout);
        Assert.All((await StatesAsync(world, user)).Values, s => Assert.Equal("Active", s));

        var allowed = await Run(world, "apply", PlanPath, "--yes", "--allow-recently-used");
        Assert.Equal(0, allowed.ExitCode);
        Assert.Single((await StatesAsync(world, user)).Values, s => s == "Inactive");
    }

    [SkippableFact]
    public async Task Without_UpdateAccessKey_each_step_is_an_access_denied_in_the_journal_and_exit_3()
    {
        var world = await WorldAsync();
        var user = await ForgottenKeyUserAsync(world);
        var readOnly = await world.Seeder.CreateUserAsync("ro", policyDocument: RepositoryFiles.ReadOnlyPolicy(), keys: [KeyState.Active]);
        await PlanAsync(world);

        var apply = await Run(world, readOnly.Keys[0].Credentials, "apply", PlanPath, "--yes");

        Assert.Equal(3, apply.ExitCode);
        Assert.Contains("iam:UpdateAccessKey", apply.Stderr);
        var outcome = Journal().Single(r => r.GetProperty("type").GetString() == "outcome");
        Assert.Equal("failed", outcome.GetProperty("result").GetString());
        Assert.Contains("iam:UpdateAccessKey", outcome.GetProperty("reason").GetString());
        Assert.All((await StatesAsync(world, user)).Values, s => Assert.Equal("Active", s));
    }

    [SkippableTheory]
    [InlineData("before-step:2")]   // between steps
    [InlineData("after-intent:2")]  // inside a step, before UpdateAccessKey
    [InlineData("after-update:2")]  // inside a step, after UpdateAccessKey, before its outcome is journaled
    public async Task Killed_mid_apply_then_reapplied_and_undone_every_key_ends_as_expected(string killAt)
    {
        var world = await WorldAsync();
        var users = new[] { await ForgottenKeyUserAsync(world), await ForgottenKeyUserAsync(world), await ForgottenKeyUserAsync(world) };
        await PlanAsync(world);
        var steps = JsonDocument.Parse(File.ReadAllText(PlanPath)).RootElement.GetProperty("steps").EnumerateArray()
            .Select(s => s.GetProperty("user").GetString()).ToList();
        Assert.Equal(3, steps.Count);

        await KeywardenProcess.RunAndKillAtAsync(world.Moto, world.Remediator, killAt, "apply", PlanPath, "--yes");

        var stepOneUser = users.Single(u => u.UserName == steps[0]);
        Assert.Equal("Inactive", (await StatesAsync(world, stepOneUser))[stepOneUser.Keys[0].AccessKeyId]);

        var reapply = await Run(world, "apply", PlanPath, "--yes");
        Assert.True(reapply.ExitCode == 0, reapply.Stdout + reapply.Stderr);
        Assert.Equal(0, (await Run(world, "verify", PlanPath)).ExitCode);
        foreach (var user in users)
        {
            var states = await StatesAsync(world, user);
            Assert.Equal("Inactive", states[user.Keys[0].AccessKeyId]);
            Assert.Equal("Active", states[user.Keys[1].AccessKeyId]);
        }

        // Each key changed exactly once by KeyWarden, whatever the crash.
        Assert.Equal(3, Journal().Count(r => r.GetProperty("type").GetString() == "outcome" && r.GetProperty("result").GetString() == "changed"));

        Assert.Equal(0, (await Run(world, "undo", JournalPath, "--yes")).ExitCode);
        foreach (var user in users)
        {
            Assert.All((await StatesAsync(world, user)).Values, s => Assert.Equal("Active", s));
        }
    }

    [SkippableFact]
    public async Task Ctrl_c_lets_the_step_in_flight_finish_and_be_journaled_then_stops()
    {
        var world = await WorldAsync();
        var users = new[] { await ForgottenKeyUserAsync(world), await ForgottenKeyUserAsync(world) };
        await PlanAsync(world);

        var interrupted = await KeywardenProcess.RunAndInterruptAtAsync(world.Moto, world.Remediator, "after-intent:1", "apply", PlanPath, "--yes");

        Assert.True(interrupted.ExitCode == 130, interrupted.Stderr);
        var outcomes = Journal().Where(r => r.GetProperty("type").GetString() == "outcome").ToList();
        var outcome = Assert.Single(outcomes);
        Assert.Equal("1", outcome.GetProperty("stepId").GetString());
        Assert.Equal("changed", outcome.GetProperty("result").GetString());
        Assert.DoesNotContain(Journal(), r => r.GetProperty("type").GetString() == "intent" && r.GetProperty("stepId").GetString() == "2");
        var states = await Task.WhenAll(users.Select(u => StatesAsync(world, u)));
        Assert.Equal(1, states.Count(s => s.Values.Count(v => v == "Inactive") == 1));

        var resumed = await Run(world, "apply", PlanPath, "--yes");
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(0, (await Run(world, "verify", PlanPath)).ExitCode);
    }

    [SkippableFact]
    public async Task Undo_works_from_the_partial_journal_of_a_killed_apply()
    {
        var world = await WorldAsync();
        var users = new[] { await ForgottenKeyUserAsync(world), await ForgottenKeyUserAsync(world) };
        await PlanAsync(world);

        // Killed after the second UpdateAccessKey went through but before its outcome was journaled.
        await KeywardenProcess.RunAndKillAtAsync(world.Moto, world.Remediator, "after-update:2", "apply", PlanPath, "--yes");
        foreach (var user in users)
        {
            Assert.Equal("Inactive", (await StatesAsync(world, user))[user.Keys[0].AccessKeyId]);
        }

        var undo = await Run(world, "undo", JournalPath, "--yes");

        Assert.True(undo.ExitCode == 0, undo.Stdout + undo.Stderr);
        foreach (var user in users)
        {
            Assert.All((await StatesAsync(world, user)).Values, s => Assert.Equal("Active", s));
        }

        var again = await Run(world, "undo", JournalPath, "--yes");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing to do", again.Stderr);
    }

    [SkippableFact]
    public async Task Undo_reactivates_only_keys_still_inactive_and_reports_the_others()
    {
        var world = await WorldAsync();
        var user = await ForgottenKeyUserAsync(world);
        await PlanAsync(world);
        Assert.Equal(0, (await Run(world, "apply", PlanPath, "--yes")).ExitCode);
        using (var admin = world.Moto.CreateIamClient(world.Moto.Admin))
        {
            await admin.UpdateAccessKeyAsync(new UpdateAccessKeyRequest { UserName = user.UserName, AccessKeyId = user.Keys[0].AccessKeyId, Status = AccessKeyStatus.Active });
        }

        var undo = await Run(world, "undo", JournalPath, "--yes");

        Assert.Equal(0, undo.ExitCode);
        Assert.Contains("changed since", undo.Stdout + undo.Stderr);
        Assert.DoesNotContain(Journal(), r => r.GetProperty("type").GetString() == "intent" && r.GetProperty("action").GetString() == "reactivate");
    }

    [SkippableFact]
    public async Task Dry_run_checks_everything_changes_nothing_and_writes_no_journal()
    {
        var world = await WorldAsync();
        var users = new[] { await ForgottenKeyUserAsync(world), await ForgottenKeyUserAsync(world) };
        await PlanAsync(world);

        var dryRun = await Run(world, "apply", PlanPath, "--dry-run"); // no --yes needed: nothing to confirm

        Assert.True(dryRun.ExitCode == 0, dryRun.Stdout + dryRun.Stderr);
        Assert.True(dryRun.Stdout.Contains("2 would-deactivate", StringComparison.Ordinal), dryRun.Stdout);
        Assert.Contains(": would-deactivate: would deactivate; would keep ", dryRun.Stderr);
        Assert.Contains("nothing was changed and no journal was written", dryRun.Stderr);
        Assert.False(File.Exists(JournalPath));
        foreach (var user in users)
        {
            Assert.All((await StatesAsync(world, user)).Values, s => Assert.Equal("Active", s));
        }

        // It needs only the read-only policy.
        var readOnly = await world.Seeder.CreateUserAsync("ro", policyDocument: RepositoryFiles.ReadOnlyPolicy(), keys: [KeyState.Active]);
        var asReader = await Run(world, readOnly.Keys[0].Credentials, "apply", PlanPath, "--dry-run");
        Assert.True(asReader.ExitCode == 0, asReader.Stderr);

        // The preconditions are checked for real: a kept key deactivated meanwhile gives exit 4, as apply would.
        await SetStatusAsync(world, users[1], users[1].Keys[1], AccessKeyStatus.Inactive);
        var blocked = await Run(world, "apply", PlanPath, "--dry-run");
        Assert.Equal(4, blocked.ExitCode);
        Assert.Contains("would leave", blocked.Stdout + blocked.Stderr);
        Assert.False(File.Exists(JournalPath));
        Assert.Equal("Active", (await StatesAsync(world, users[0]))[users[0].Keys[0].AccessKeyId]);
    }

    [SkippableFact]
    public async Task A_stale_plan_or_one_for_another_partition_is_refused_with_exit_2_and_nothing_changed()
    {
        var world = await WorldAsync();
        var user = await ForgottenKeyUserAsync(world);
        await PlanAsync(world);
        var original = File.ReadAllText(PlanPath);

        EditPlan(p => p["createdAt"] = DateTimeOffset.UtcNow.AddDays(-10).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        var stale = await Run(world, "apply", PlanPath, "--yes");
        Assert.Equal(2, stale.ExitCode);
        Assert.Contains("--max-plan-age 7d", stale.Stderr);
        Assert.Contains("10d", stale.Stderr);
        Assert.False(File.Exists(JournalPath));

        var allowed = await Run(world, "apply", PlanPath, "--dry-run", "--max-plan-age", "11d");
        Assert.True(allowed.ExitCode == 0, allowed.Stderr);

        File.WriteAllText(PlanPath, original);
        EditPlan(p =>
        {
            p["accounts"]![0]!["partition"] = "aws-cn";
            foreach (var step in p["steps"]!.AsArray())
            {
                step!["partition"] = "aws-cn";
            }
        });
        var otherPartition = await Run(world, "apply", PlanPath, "--yes");
        Assert.Equal(2, otherPartition.ExitCode);
        Assert.Contains("partition aws-cn", otherPartition.Stderr);
        Assert.Contains("are in partition aws", otherPartition.Stderr);
        Assert.False(File.Exists(JournalPath));
        Assert.All((await StatesAsync(world, user)).Values, s => Assert.Equal("Active", s));
    }

    [SkippableFact]
    public async Task The_first_AccessDenied_stops_the_run_unless_keep_going()
    {
        var world = await WorldAsync();
        var users = new[] { await ForgottenKeyUserAsync(world), await ForgottenKeyUserAsync(world), await ForgottenKeyUserAsync(world) };
        var readOnly = await world.Seeder.CreateUserAsync("ro", policyDocument: RepositoryFiles.ReadOnlyPolicy(), keys: [KeyState.Active]);
        await PlanAsync(world);

        var stopped = await Run(world, readOnly.Keys[0].Credentials, "apply", PlanPath, "--yes");

        Assert.Equal(3, stopped.ExitCode);
        Assert.Contains("iam:UpdateAccessKey", stopped.Stderr);
        Assert.Equal(2, stopped.Stderr.Split('\n').Count(l => l.Contains(": not-attempted: ", StringComparison.Ordinal)));
        Assert.Contains("nothing was changed", stopped.Stderr);
        Assert.DoesNotContain("keywarden undo", stopped.Stderr); // nothing to verify or undo
        Assert.Equal(["1 intent", "1 outcome"], Journal().Where(r => r.GetProperty("type").GetString() is "intent" or "outcome")
            .Select(r => $"{r.GetProperty("stepId").GetString()} {r.GetProperty("type").GetString()}"));

        var keptGoing = await Run(world, readOnly.Keys[0].Credentials, "apply", PlanPath, "--yes", "--keep-going");

        Assert.Equal(3, keptGoing.ExitCode);
        Assert.DoesNotContain("not-attempted", keptGoing.Stderr);
        // Step 1 of the first run, then all three of this one.
        Assert.Equal(4, Journal().Count(r => r.GetProperty("type").GetString() == "outcome" && r.GetProperty("result").GetString() == "failed"));
        foreach (var user in users)
        {
            Assert.All((await StatesAsync(world, user)).Values, s => Assert.Equal("Active", s));
        }
    }

    [SkippableFact]
    public async Task A_kept_key_deactivated_in_the_window_after_the_change_is_reversed_and_exits_4()
    {
        var world = await WorldAsync();
        var user = await ForgottenKeyUserAsync(world);
        var (forgotten, used) = (user.Keys[0], user.Keys[1]);
        await PlanAsync(world);

        // Paused right after UpdateAccessKey: someone deactivates the kept key before apply reads both keys back.
        var run = await KeywardenProcess.RunAndActAtAsync(world.Moto, world.Remediator, "after-update:1",
            () => SetStatusAsync(world, user, used, AccessKeyStatus.Inactive), pauseSeconds: 4, "apply", PlanPath, "--yes");

        Assert.True(run.ExitCode == 4, run.Stdout + run.Stderr);
        Assert.Contains("reversed", run.Stderr);
        Assert.Contains($"kept key {used.AccessKeyId} was found Inactive", run.Stderr);
        var states = await StatesAsync(world, user);
        Assert.Equal("Active", states[forgotten.AccessKeyId]); // the user still has an active key
        Assert.Equal("Inactive", states[used.AccessKeyId]);
        var reversal = Journal().Where(r => r.TryGetProperty("reversal", out var v) && v.GetBoolean()).ToList();
        Assert.Equal(["intent", "outcome"], reversal.Select(r => r.GetProperty("type").GetString()));
        Assert.All(reversal, r => Assert.Equal("reactivate", r.GetProperty("action").GetString()));
        Assert.Equal("changed", reversal[1].GetProperty("result").GetString());
    }

    [SkippableFact]
    public async Task A_key_reactivated_since_the_last_apply_is_re_checked_and_reported()
    {
        var world = await WorldAsync();
        var user = await ForgottenKeyUserAsync(world);
        await PlanAsync(world);
        Assert.Equal(0, (await Run(world, "apply", PlanPath, "--yes")).ExitCode);
        await SetStatusAsync(world, user, user.Keys[0], AccessKeyStatus.Active); // someone puts the old key back

        var again = await Run(world, "apply", PlanPath, "--yes");

        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("reactivated since the last run (journal says changed at", again.Stderr);
        Assert.Equal("Inactive", (await StatesAsync(world, user))[user.Keys[0].AccessKeyId]);
        Assert.Equal(2, Journal().Count(r => r.GetProperty("type").GetString() == "outcome" && r.GetProperty("result").GetString() == "changed"));
    }

    [SkippableFact]
    public async Task A_step_whose_key_belongs_to_another_user_says_so()
    {
        var world = await WorldAsync();
        var user = await ForgottenKeyUserAsync(world);
        var other = await world.Seeder.CreateUserAsync("other", keys: [KeyState.Active]);
        await PlanAsync(world);
        EditPlan(p =>
        {
            p["steps"]![0]!["deactivateKey"] = other.Keys[0].AccessKeyId;
            p["steps"]![0]!["expected"]!["deactivate"]!["key"] = other.Keys[0].AccessKeyId;
        });

        var apply = await Run(world, "apply", PlanPath, "--yes");

        Assert.Equal(4, apply.ExitCode);
        Assert.Contains($"key {other.Keys[0].AccessKeyId} does not belong to user {user.UserName}", apply.Stderr);
        Assert.DoesNotContain("no longer exists", apply.Stderr);
        Assert.Equal("Active", (await StatesAsync(world, other))[other.Keys[0].AccessKeyId]);
    }

    [SkippableFact]
    public async Task Principal_and_step_carry_out_only_part_of_a_plan()
    {
        var world = await WorldAsync();
        var users = new[] { await ForgottenKeyUserAsync(world), await ForgottenKeyUserAsync(world), await ForgottenKeyUserAsync(world) };
        await PlanAsync(world);
        var steps = JsonDocument.Parse(File.ReadAllText(PlanPath)).RootElement.GetProperty("steps").EnumerateArray()
            .ToDictionary(s => s.GetProperty("user").GetString()!, s => s.GetProperty("stepId").GetString()!);
        bool Deactivated(IReadOnlyDictionary<string, string> states, SeededUser u) => states[u.Keys[0].AccessKeyId] == "Inactive";
        async Task<bool[]> DeactivatedAsync() => await Task.WhenAll(users.Select(async u => Deactivated(await StatesAsync(world, u), u)));

        var byStep = await Run(world, "apply", PlanPath, "--yes", "--step", steps[users[1].UserName]);
        Assert.True(byStep.ExitCode == 0, byStep.Stderr);
        Assert.Contains("1 of the plan's 3 step(s) selected", byStep.Stderr);
        Assert.Equal(new[] { false, true, false }, await DeactivatedAsync());

        var byPrincipal = await Run(world, "apply", PlanPath, "--yes", "--principal", users[2].UserName.ToUpperInvariant());
        Assert.True(byPrincipal.ExitCode == 0, byPrincipal.Stderr);
        Assert.Equal(new[] { false, true, true }, await DeactivatedAsync());

        var unknown = await Run(world, "apply", PlanPath, "--yes", "--step", "99", "--principal", "nobody-*");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--step 99", unknown.Stderr);
        Assert.Contains("--principal nobody-*", unknown.Stderr);
        Assert.False(Deactivated(await StatesAsync(world, users[0]), users[0]));
    }
}
