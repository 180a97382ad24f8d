using System.Text.Json;
using KeyWarden.EmulatorTests.Infrastructure;

namespace KeyWarden.EmulatorTests.Cli;

/// <summary>`keywarden check-access` on an organization: which accounts KeyWarden can read (and remediate), changing nothing.</summary>
public sealed class CheckAccessCliEmulatorTests() : PlanScratchDirectory("kw-check-access-")
{
    [SkippableFact]
    public async Task Reports_each_account_names_the_failing_check_and_writes_the_failures_for_a_rerun()
    {
        var moto = MotoEnvironment.Plain();
        await using var world = await OrgWorld.CreateAsync(moto);
        var open = await world.CreateMemberAsync("open");
        var refused = await world.CreateMemberAsync("refused");
        var readOnly = await world.CreateMemberAsync("read-only");
        foreach (var account in new[] { world.ManagementAccountId, open.AccountId, refused.AccountId, readOnly.AccountId })
        {
            await world.SeederFor(account).CreateUserAsync("kw-user", keys: [KeyState.Active]);
        }

        // First every UpdateAccessKey is refused (for the probe's user, which is all check-access ever sends).
        var refuseRole = FaultRule.RefuseAssumeRoleInto(refused.AccountId);
        await using var proxy = new FaultProxy(moto.Url, new FaultPlan(
        [
            refuseRole,
            new FaultRule(new HashSet<string> { "UpdateAccessKey" }, 1.0, [FaultKind.AccessDenied], ParameterContains: "keywarden-permission-probe"),
        ]));
        var failures = Path.Combine(Dir, "failed.txt");

        var result = await KeywardenProcess.RunAsync(proxy.AsServer(), world.HubCredentials,
            "check-access", "--org", "--for-remediation", "--format", "json", "--failures-file", failures, "--quiet");

        Assert.True(result.ExitCode == 3, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        var accounts = doc.RootElement.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("accountId").GetString()!);
        Assert.Equal(4, accounts.Count);
        string Check(string account, string check) =>
            accounts[account].GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("check").GetString() == check).GetProperty("result").GetString()!;
        Assert.Equal("denied", Check(refused.AccountId, "assume-role"));
        Assert.Equal("not-checked", Check(refused.AccountId, "list-users"));
        foreach (var reachable in new[] { world.ManagementAccountId, open.AccountId, readOnly.AccountId })
        {
            Assert.Equal("access-denied", accounts[reachable].GetProperty("status").GetString());
            Assert.Equal("ok", Check(reachable, "list-access-keys"));
            Assert.Equal("ok", Check(reachable, "credential-report"));
            Assert.Equal("denied", Check(reachable, "update-access-key"));
        }

        // The table at 80 columns (COLUMNS off a terminal): every account id whole, no line wider, the failing check under it.
        var table = await KeywardenProcess.RunAsync(
            new Dictionary<string, string?>(proxy.AsServer().ProcessEnvironment(world.HubCredentials)) { ["COLUMNS"] = "80" },
            "check-access", "--org", "--for-remediation", "--quiet");
        Assert.True(table.ExitCode == 3, table.Stderr);
        var lines = table.Stdout.Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= 80 || !l.Trim().Contains(' '), $"wider than 80: '{l}'"));
        Assert.DoesNotContain('\u001b', table.Stdout);
        foreach (var account in accounts.Keys)
        {
            Assert.Contains(lines, l => l.StartsWith($"│ {account} ", StringComparison.Ordinal));
        }

        Assert.Contains(lines, l => l.Contains($"{refused.AccountId}", StringComparison.Ordinal) && l.Contains("assume-role", StringComparison.Ordinal) && !l.StartsWith('│'));

        // Nothing reached moto as a change: every UpdateAccessKey was the probe, refused at the proxy.
        Assert.Equal(0, proxy.Counters.ForwardedCount("UpdateAccessKey"));
        var listed = (await File.ReadAllLinesAsync(failures)).Where(l => !l.StartsWith('#')).Order().ToList();
        Assert.Equal(accounts.Keys.Order(), listed);

        // With the permission granted, re-checking the failures only: the refused role still fails, the others pass,
        // and the probe answered NoSuchEntity (authorized) without touching any user.
        proxy.Plan = new FaultPlan([refuseRole]);
        var rerun = await KeywardenProcess.RunAsync(proxy.AsServer(), world.HubCredentials,
            "check-access", "--accounts-file", failures, "--for-remediation", "--format", "json", "--quiet");
        Assert.True(rerun.ExitCode == 3, rerun.Stderr);
        using var again = JsonDocument.Parse(rerun.Stdout);
        var statuses = again.RootElement.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("accountId").GetString()!, a => a.GetProperty("status").GetString());
        Assert.Equal("access-denied", statuses[refused.AccountId]);
        Assert.Equal(3, statuses.Values.Count(s => s == "ok"));
        Assert.Equal(3, proxy.Counters.ForwardedCount("UpdateAccessKey"));
    }
}
