using System.Globalization;
using System.Text.Json;
using KeyWarden.EmulatorTests.Infrastructure;

namespace KeyWarden.EmulatorTests.Cli;

/// <summary>
/// The rule family through the real CLI against moto with auth on: each rule's condition seeded, the same findings from
/// <c>--source auto</c> and <c>--source live</c>; then <c>plan --rules iam-access-key-unused</c> → apply → verify → undo,
/// keys checked with the AWS CLI.
/// <para>
/// moto 5.2.1 creates keys "now" and records a use when it receives a request signed with the key (GetAccessKeyLastUsed
/// then has date, service and region; the credential report's <c>access_key_N_last_used_date</c> has the date, its region
/// and service columns say <c>not_supported</c>; a never-used key is <c>N/A</c> in both). Nothing can be backdated, so the
/// audits run <c>--as-of</c> weeks ahead: as of then, every key is that old and was last used that long ago. moto's report
/// has no root row and its GetAccountSummary says <c>AccountAccessKeysPresent</c> 0.
/// </para>
/// </summary>
public sealed class RuleFamilyCliEmulatorTests() : PlanScratchDirectory("keywarden-rules-")
{
    private const string Single = "iam-single-active-access-key";
    private const string Unused = "iam-access-key-unused";
    private const string Rotation = "iam-access-key-rotation";
    private const string Root = "iam-root-access-key";

    private static string Ahead(int days) =>
        DateTimeOffset.UtcNow.AddDays(days).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static Task<KeywardenProcess.Result> Run(RemediationWorld world, params string[] args) =>
        KeywardenProcess.RunAsync(world.Moto, world.Remediator, args);

    private static async Task<IReadOnlyDictionary<string, string>> StatesAsync(RemediationWorld world, SeededUser user) =>
        await AwsCli.ListAccessKeysAsync(world.Moto, world.Moto.Admin, user.UserName);

    private static async Task AssertAllActiveAsync(RemediationWorld world, params SeededUser[] users)
    {
        foreach (var user in users)
        {
            Assert.All((await StatesAsync(world, user)).Values, s => Assert.Equal("Active", s));
        }
    }

    /// <summary>(rule, user, key or "-", status) of every finding about the test's users, sorted.</summary>
    private static async Task<List<string>> FindingsAsync(RemediationWorld world, string source, string asOf)
    {
        var audit = await Run(world, "audit", "--source", source, "--format", "json", "--principal", $"{world.Tag}-*", "--as-of", asOf);
        Assert.True(audit.ExitCode == 1, $"{source}: exit {audit.ExitCode}: {audit.Stderr}");
        using var doc = JsonDocument.Parse(audit.Stdout);
        return doc.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("ruleId").GetString()} {f.GetProperty("principal").GetString()} "
                + $"{(f.GetProperty("key").ValueKind == JsonValueKind.Null ? "-" : f.GetProperty("key").GetString())} {f.GetProperty("status").GetString()}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [SkippableFact]
    public async Task Each_rule_finds_its_condition_and_auto_agrees_with_live()
    {
        var world = await RemediationWorld.CreateAsync("rf");
        var two = await world.Seeder.CreateUserAsync(world.Tag, keys: [KeyState.Active, KeyState.Active]); // two active keys
        await world.Seeder.UseKeyAsync(two.Keys[1]);
        var lone = await world.Seeder.CreateUserAsync(world.Tag, keys: [KeyState.Active]);                  // one key, never used
        var off = await world.Seeder.CreateUserAsync(world.Tag, keys: [KeyState.Inactive]);                // no active key
        string F(string rule, SeededUser user, SeededKey? key, string status) => $"{rule} {user.UserName} {key?.AccessKeyId ?? "-"} {status}";

        // 50 days ahead: every active key is unused (45), none is old (90).
        var expected50 = new List<string>
        {
            F(Single, two, null, "FAIL"), F(Single, lone, null, "PASS"), F(Single, off, null, "PASS"),
            F(Unused, two, two.Keys[0], "FAIL"), F(Unused, two, two.Keys[1], "FAIL"), F(Unused, lone, lone.Keys[0], "FAIL"), F(Unused, off, null, "PASS"),
            F(Rotation, two, two.Keys[0], "PASS"), F(Rotation, two, two.Keys[1], "PASS"), F(Rotation, lone, lone.Keys[0], "PASS"), F(Rotation, off, null, "PASS"),
        }.Order(StringComparer.Ordinal).ToList();
        var asOf50 = Ahead(50);
        Assert.Equal(expected50, await FindingsAsync(world, "auto", asOf50));
        Assert.Equal(expected50, await FindingsAsync(world, "live", asOf50));

        // 100 days ahead: every active key is old too.
        var asOf100 = Ahead(100);
        var expected100 = expected50.Select(f => f.StartsWith(Rotation, StringComparison.Ordinal) && !f.Contains(" - ", StringComparison.Ordinal) ? f.Replace("PASS", "FAIL", StringComparison.Ordinal) : f).ToList();
        Assert.Equal(expected100, await FindingsAsync(world, "auto", asOf100));
        Assert.Equal(expected100, await FindingsAsync(world, "live", asOf100));

        // The AWS CLI sees what the findings were made of: the statuses KeyWarden judged.
        Assert.Equal(["Active", "Active"], (await StatesAsync(world, two)).Values);
        Assert.Equal(["Inactive"], (await StatesAsync(world, off)).Values);
    }

    [SkippableFact]
    public async Task Root_is_judged_from_GetAccountSummary_when_the_report_has_no_root_row()
    {
        var world = await RemediationWorld.CreateAsync("rr");
        foreach (var source in new[] { "auto", "live" })
        {
            var audit = await Run(world, "audit", "--source", source, "--rules", Root, "--format", "json");
            Assert.True(audit.ExitCode == 0, $"{source}: exit {audit.ExitCode}: {audit.Stderr}");
            using var doc = JsonDocument.Parse(audit.Stdout);
            var root = Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray());
            Assert.Equal((Root, "PASS"), (root.GetProperty("ruleId").GetString(), root.GetProperty("status").GetString()));
            Assert.Contains("AccountAccessKeysPresent = 0", root.GetProperty("message").GetString());
        }
    }

    [SkippableFact]
    public async Task Plan_unused_keys_then_apply_verify_undo_never_takes_the_last_key_in_use()
    {
        var world = await RemediationWorld.CreateAsync("ru");
        var pair = await world.Seeder.CreateUserAsync(world.Tag, keys: [KeyState.Active, KeyState.Active]);  // neither ever used
        var mixed = await world.Seeder.CreateUserAsync(world.Tag, keys: [KeyState.Active, KeyState.Active]); // the second one used
        await world.Seeder.UseKeyAsync(mixed.Keys[1]);
        var solo = await world.Seeder.CreateUserAsync(world.Tag, keys: [KeyState.Active]);                   // its only key, used
        await world.Seeder.UseKeyAsync(solo.Keys[0]);

        // As of 50 days ahead every key is unused (45); with --in-use-days 60 a key used then is still "in use", so a
        // user's last such key is spared.
        var plan = await Run(world, "plan", "--rules", Unused, "--out", PlanPath, "--principal", $"{world.Tag}-*",
            "--as-of", Ahead(50), "--in-use-days", "60");
        Assert.True(plan.ExitCode == 0, plan.Stderr);
        using (var doc = JsonDocument.Parse(File.ReadAllText(PlanPath)))
        {
            var steps = doc.RootElement.GetProperty("steps").EnumerateArray().ToList();
            Assert.Equal(
                new[] { (pair.UserName, pair.Keys[0].AccessKeyId), (pair.UserName, pair.Keys[1].AccessKeyId), (mixed.UserName, mixed.Keys[0].AccessKeyId) }.Order(),
                steps.Select(s => (s.GetProperty("user").GetString()!, s.GetProperty("deactivateKey").GetString()!)).Order());
            Assert.All(steps, s =>
            {
                Assert.Equal(JsonValueKind.Null, s.GetProperty("keepKey").ValueKind);
                Assert.Equal(Unused, s.GetProperty("ruleId").GetString());
            });
            var skipped = doc.RootElement.GetProperty("skipped").EnumerateArray().ToList();
            Assert.Equal(
                new[] { mixed.Keys[1].AccessKeyId, solo.Keys[0].AccessKeyId }.Order(),
                skipped.Select(s => s.GetProperty("key").GetString()!).Order());
            Assert.All(skipped, s => Assert.Contains("was used within --in-use-days 60", s.GetProperty("reason").GetString()));
        }

        await AssertAllActiveAsync(world, pair, mixed, solo); // plan changed nothing

        var apply = await Run(world, "apply", PlanPath, "--yes");
        Assert.True(apply.ExitCode == 0, apply.Stdout + apply.Stderr);
        Assert.Equal(["Inactive", "Inactive"], (await StatesAsync(world, pair)).Values);
        var mixedAfter = await StatesAsync(world, mixed);
        Assert.Equal(("Inactive", "Active"), (mixedAfter[mixed.Keys[0].AccessKeyId], mixedAfter[mixed.Keys[1].AccessKeyId]));
        Assert.Equal(["Active"], (await StatesAsync(world, solo)).Values);

        // verify: each unused key is no longer Active; mixed's other (used) key is not a failure.
        var verify = await Run(world, "verify", PlanPath, "--format", "json");
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        using (var doc = JsonDocument.Parse(verify.Stdout))
        {
            var rows = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(3, rows.Count);
            var mixedRow = rows.Single(r => r.GetProperty("deactivatedKey").GetString() == mixed.Keys[0].AccessKeyId);
            Assert.True(mixedRow.GetProperty("passed").GetBoolean());
            Assert.Equal([mixed.Keys[1].AccessKeyId], mixedRow.GetProperty("activeKeys").EnumerateArray().Select(k => k.GetString()));
        }

        var undo = await Run(world, "undo", JournalPath, "--yes");
        Assert.True(undo.ExitCode == 0, undo.Stdout + undo.Stderr);
        await AssertAllActiveAsync(world, pair, mixed, solo);
        Assert.Equal(1, (await Run(world, "verify", JournalPath)).ExitCode); // the unused keys are Active again
    }

    [SkippableFact]
    public async Task An_unused_key_used_after_the_plan_is_left_alone()
    {
        var world = await RemediationWorld.CreateAsync("rv");
        var pair = await world.Seeder.CreateUserAsync(world.Tag, keys: [KeyState.Active, KeyState.Active]);
        var plan = await Run(world, "plan", "--rules", Unused, "--out", PlanPath, "--principal", $"{world.Tag}-*", "--as-of", Ahead(50));
        Assert.True(plan.ExitCode == 0, plan.Stderr);
        await world.Seeder.UseKeyAsync(pair.Keys[0]); // the "unused" key turns out to be in use

        var apply = await Run(world, "apply", PlanPath, "--yes");

        Assert.Equal(4, apply.ExitCode);
        Assert.Contains("it is no longer unused; re-plan", apply.Stdout + apply.Stderr);
        var states = await StatesAsync(world, pair);
        Assert.Equal(("Active", "Inactive"), (states[pair.Keys[0].AccessKeyId], states[pair.Keys[1].AccessKeyId]));
    }
}
