using System.Text.Json;
using KeyWarden.EmulatorTests.Infrastructure;

namespace KeyWarden.EmulatorTests.Cli;

/// <summary>
/// plan --org → apply → verify → undo across an organization on moto, every key's state checked per account with the
/// real AWS CLI (signed with an admin key of that account); and --max-changes bounding a run over several accounts.
/// </summary>
public sealed class OrgRemediationCliEmulatorTests() : PlanScratchDirectory("kw-org-remediation-")
{
    private sealed record Offender(string AccountId, SeededUser User, MotoCredentials Admin);

    private sealed record Fleet(OrgWorld World, IReadOnlyList<Offender> Offenders) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => World.DisposeAsync();
    }

    private static async Task<Fleet> SeedAsync()
    {
        var world = await OrgWorld.CreateAsync(MotoEnvironment.Plain());
        var accounts = new List<string> { world.ManagementAccountId };
        for (var i = 0; i < 2; i++)
        {
            accounts.Add((await world.CreateMemberAsync($"member-{i}")).AccountId);
        }

        var offenders = new List<Offender>();
        foreach (var account in accounts)
        {
            var seeder = world.SeederFor(account);
            // A forgotten key: the older one never used, the newer one in use: keep the newer, deactivate the older.
            var user = await seeder.CreateUserAsync("kw-two", keys: [KeyState.Active, KeyState.Active]);
            await seeder.UseKeyAsync(user.Keys[1]);
            var admin = await seeder.CreateUserAsync("admin", MotoSeeder.AllowAllPolicy, [KeyState.Active]);
            offenders.Add(new Offender(account, user, admin.Keys[0].Credentials));
        }

        return new Fleet(world, offenders);
    }

    private static Task<KeywardenProcess.Result> RunAsync(Fleet fleet, params string[] args) =>
        KeywardenProcess.RunAsync(MotoEnvironment.Plain(), fleet.World.HubCredentials, args);

    private static Task<IReadOnlyDictionary<string, string>> KeysAsync(Offender offender) =>
        AwsCli.ListAccessKeysAsync(MotoEnvironment.Plain(), offender.Admin, offender.User.UserName);

    [SkippableFact]
    public async Task Plan_org_apply_verify_undo_act_in_every_account_through_its_role()
    {
        await using var fleet = await SeedAsync();

        var plan = await RunAsync(fleet, "plan", "--org", "--out", PlanPath, "--principal", "kw-two-*", "--quiet");
        Assert.True(plan.ExitCode == 0, plan.Stderr);
        using (var doc = JsonDocument.Parse(await File.ReadAllTextAsync(PlanPath)))
        {
            var steps = doc.RootElement.GetProperty("steps").EnumerateArray().ToList();
            Assert.Equal(fleet.Offenders.Select(o => o.AccountId).Order(), steps.Select(s => s.GetProperty("accountId").GetString()).Order());
            var roles = doc.RootElement.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("accountId").GetString()!, a => a.GetProperty("roleArn"));
            Assert.Equal(JsonValueKind.Null, roles[fleet.World.ManagementAccountId].ValueKind);
            foreach (var member in fleet.Offenders.Skip(1))
            {
                Assert.Equal($"arn:aws:iam::{member.AccountId}:role/OrganizationAccountAccessRole", roles[member.AccountId].GetString());
            }
        }

        var apply = await RunAsync(fleet, "apply", PlanPath, "--yes");
        Assert.True(apply.ExitCode == 0, apply.Stderr + apply.Stdout);
        foreach (var offender in fleet.Offenders)
        {
            var keys = await KeysAsync(offender);
            Assert.Equal("Inactive", keys[offender.User.Keys[0].AccessKeyId]);
            Assert.Equal("Active", keys[offender.User.Keys[1].AccessKeyId]);
        }

        // One journal, each run's records carrying their account; members acted in as the assumed role.
        var records = (await File.ReadAllLinesAsync(JournalPath)).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        var started = records.Where(r => r.GetProperty("type").GetString() == "started").ToList();
        Assert.Equal(fleet.Offenders.Select(o => o.AccountId).Order(), started.Select(r => r.GetProperty("accountId").GetString()).Order());
        Assert.All(started.Where(r => r.GetProperty("accountId").GetString() != fleet.World.ManagementAccountId),
            r => Assert.Contains(":assumed-role/OrganizationAccountAccessRole/keywarden", r.GetProperty("caller").GetString()));

        var verify = await RunAsync(fleet, "verify", PlanPath);
        Assert.True(verify.ExitCode == 0, verify.Stderr + verify.Stdout);

        var undo = await RunAsync(fleet, "undo", JournalPath, "--yes");
        Assert.True(undo.ExitCode == 0, undo.Stderr + undo.Stdout);
        foreach (var offender in fleet.Offenders)
        {
            Assert.All((await KeysAsync(offender)).Values, status => Assert.Equal("Active", status));
        }

        // Verify of the journal after undo: the users have two active keys again, in every account.
        var afterUndo = await RunAsync(fleet, "verify", JournalPath, "--format", "json");
        Assert.Equal(1, afterUndo.ExitCode);
    }

    [SkippableFact]
    public async Task Max_changes_bounds_a_run_over_all_accounts_and_the_next_run_goes_on()
    {
        await using var fleet = await SeedAsync();
        var plan = await RunAsync(fleet, "plan", "--org", "--out", PlanPath, "--principal", "kw-two-*", "--quiet");
        Assert.True(plan.ExitCode == 0, plan.Stderr);

        var first = await RunAsync(fleet, "apply", PlanPath, "--yes", "--max-changes", "2");
        Assert.True(first.ExitCode == 4, first.Stderr + first.Stdout);
        var inactive = 0;
        foreach (var offender in fleet.Offenders)
        {
            inactive += (await KeysAsync(offender)).Values.Count(s => s == "Inactive");
        }

        Assert.Equal(2, inactive);
        Assert.Contains("reached --max-changes", first.Stderr);

        var second = await RunAsync(fleet, "apply", PlanPath, "--yes");
        Assert.True(second.ExitCode == 0, second.Stderr + second.Stdout);
        Assert.Equal(0, (await RunAsync(fleet, "verify", PlanPath)).ExitCode);
    }

    [SkippableFact]
    public async Task A_tampered_role_of_another_account_is_refused_before_any_call()
    {
        await using var fleet = await SeedAsync();
        var plan = await RunAsync(fleet, "plan", "--org", "--out", PlanPath, "--principal", "kw-two-*", "--quiet");
        Assert.True(plan.ExitCode == 0, plan.Stderr);
        var member = fleet.Offenders[1].AccountId;
        var other = fleet.Offenders[2].AccountId;
        var text = await File.ReadAllTextAsync(PlanPath);
        await File.WriteAllTextAsync(PlanPath, text.Replace($"arn:aws:iam::{member}:role/", $"arn:aws:iam::{other}:role/", StringComparison.Ordinal));

        var apply = await RunAsync(fleet, "apply", PlanPath, "--yes");

        Assert.Equal(2, apply.ExitCode);
        Assert.Contains("is not a role of that account", apply.Stderr);
        foreach (var offender in fleet.Offenders)
        {
            Assert.All((await KeysAsync(offender)).Values, status => Assert.Equal("Active", status));
        }
    }
}
