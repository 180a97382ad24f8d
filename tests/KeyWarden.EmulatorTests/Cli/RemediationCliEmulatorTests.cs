using System.Text.Json;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.EmulatorTests.Infrastructure;

namespace KeyWarden.EmulatorTests.Cli;

/// <summary>
/// The whole remediation path through the real CLI against moto with auth on (signatures verified, policies
/// evaluated): audit → plan → apply → verify → undo, the preconditions, idempotence, missing permission and
/// crashes (SIGKILL between steps and inside a step).
/// </summary>
public sealed class RemediationCliEmulatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("keywarden-remediation-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PlanPath => Path.Combine(_dir, "plan.json");

    private string JournalPath => Path.Combine(_dir, "plan.journal.jsonl");

    private sealed record World(MotoAuthServer Moto, MotoSeeder Seeder, string Tag, MotoCredentials Remediator);

    private static async Task<World> WorldAsync()
    {
        var moto = await MotoEnvironment.AuthAsync();
        var seeder = moto.Seeder();
        var remediator = await seeder.CreateUserAsync("rem", policyDocument: RepositoryFiles.RemediationPolicy(), keys: [KeyState.Active]);
        return new World(moto, seeder, "r" + Guid.NewGuid().ToString("N")[..8], remediator.Keys[0].Credentials);
    }

    /// <summary>A user with two active keys of which the second was really used: the first is the forgotten key.</summary>
    private static async Task<SeededUser> ForgottenKeyUserAsync(World world)
    {
        var user = await world.Seeder.CreateUserAsync(world.Tag, keys: [KeyState.Active, KeyState.Active]);
        await world.Seeder.UseKeyAsync(user.Keys[1]);
        return user;
    }

    private Task<KeywardenProcess.Result> Run(World world, params string[] args) => Run(world, world.Remediator, args);

    private static Task<KeywardenProcess.Result> Run(World world, MotoCredentials credentials, params string[] args) =>
        KeywardenProcess.RunAsync(world.Moto, credentials, args);

    private async Task PlanAsync(World world, params string[] extra)
    {
        var plan = await Run(world, ["plan", "--out", PlanPath, "--principal", $"{world.Tag}-*", .. extra]);
        Assert.True(plan.ExitCode == 0, plan.Stderr);
    }

    private static async Task<IReadOnlyDictionary<string, string>> StatesAsync(World world, SeededUser user) =>
        await AwsCli.ListAccessKeysAsync(world.Moto, world.Moto.Admin, user.UserName);

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
        var third = await Run(world, "apply", PlanPath, "--yes", "--journal", Path.Combine(_dir, "other.jsonl"));
        Assert.Equal(0, third.ExitCode);
        Assert.Contains("already-done", File.ReadAllText(Path.Combine(_dir, "other.jsonl")));
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
}
