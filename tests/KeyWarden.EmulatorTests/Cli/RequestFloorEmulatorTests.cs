using System.Text.Json;
using KeyWarden.EmulatorTests.Infrastructure;

namespace KeyWarden.EmulatorTests.Cli;

/// <summary>
/// The request floor, counted per action by a fault-free proxy in front of a fresh private moto account: auto costs
/// STS + GetCredentialReport (ReportNotPresent) + GenerateCredentialReport + GetCredentialReport + one ListAccessKeys
/// per candidate (4 + V), live costs ListUsers + ListAccessKeys per user + GetAccessKeyLastUsed for the two keys of each
/// offender (1 + U + 2V) plus STS and GetAccountSummary; and the credential report's slots are mapped to key ids by
/// creation second over the wire, with GetAccessKeyLastUsed only for keys the mapping cannot place.
/// </summary>
public sealed class RequestFloorEmulatorTests
{
    private const int Users = 50;
    private const int Offenders = 10;
    private const string Single = "iam-single-active-access-key";

    private static async Task<JsonElement> AuditAsync(FaultProxy proxy, params string[] extra)
    {
        var result = await KeywardenProcess.RunAsync(
            proxy.AsServer().ProcessEnvironment(), ["audit", "--format", "json", "--all", "--endpoint-url", proxy.Url, .. extra]);
        // The counts below are the single-active-key rule's unless a test names other rules (AllRules).
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.Stderr}");
        using var doc = JsonDocument.Parse(result.Stdout);
        return doc.RootElement.Clone();
    }

    /// <summary>Records a key's use; moto's STS may answer 500 while another test creates an account, so a few tries.</summary>
    private static async Task UseAsync(MotoSeeder seeder, SeededKey key)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await seeder.UseKeyAsync(key);
                return;
            }
            catch (Amazon.Runtime.AmazonServiceException e) when ((int)e.StatusCode >= 500 && attempt < 5)
            {
                await Task.Delay(200 * attempt);
            }
        }
    }

    /// <summary>Two active keys whose creation times fall in different seconds (so the report slots tell them apart).</summary>
    private static async Task<SeededUser> TwoKeysApartAsync(MotoSeeder seeder, string name)
    {
        var user = await seeder.CreateNamedUserAsync(name, [KeyState.Active]);
        await Task.Delay(1100);
        var second = await seeder.CreateKeyAsync(name);
        return user with { Keys = [user.Keys[0], second] };
    }

    /// <summary>Key id → CreateDate as moto lists it, read with the raw Query client (not the product's parser).</summary>
    private static async Task<Dictionary<string, string>> CreateDatesAsync(FaultAccount account, SeededUser user)
    {
        using var raw = account.Clean.AsServer().CreateRawIamClient();
        var doc = await raw.SendAsync("ListAccessKeys", new Dictionary<string, string> { ["UserName"] = user.UserName });
        return doc.Descendants().Where(e => e.Name.LocalName == "member").ToDictionary(
            m => m.Elements().Single(e => e.Name.LocalName == "AccessKeyId").Value,
            m => m.Elements().Single(e => e.Name.LocalName == "CreateDate").Value[..19]);
    }

    private static JsonElement Finding(JsonElement report, string user) =>
        report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("principal").GetString() == user);

    private static string[] Sources(JsonElement finding) =>
        [.. finding.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("lastUsedSource").GetString() ?? "null")];

    [SkippableFact]
    public async Task Auto_costs_4_plus_V_and_live_1_plus_U_plus_2V_on_a_seeded_account()
    {
        await using var account = FaultAccount.Create(MotoEnvironment.Plain());
        var seeder = account.Seeder;
        var offenders = await Task.WhenAll(Enumerable.Range(0, Offenders).Select(async i =>
        {
            var user = await TwoKeysApartAsync(seeder, $"rf-off-{i:D2}");
            if (i % 2 == 0)
            {
                await UseAsync(seeder, user.Keys[1]);
            }

            return user;
        }));
        for (var i = 0; i < Users - Offenders; i++)
        {
            IReadOnlyList<KeyState> keys = (i % 3) switch { 0 => [], 1 => [KeyState.Active], _ => [KeyState.Active, KeyState.Inactive] };
            await seeder.CreateNamedUserAsync($"rf-ok-{i:D2}", keys);
        }

        await using var autoProxy = account.Proxy(FaultPlan.None, seed: 0);
        var auto = await AuditAsync(autoProxy, "--source", "auto", "--rules", Single);
        var counted = autoProxy.Counters;
        var autoSingle = counted.SeenCount();
        Assert.True(4 + Offenders == counted.SeenCount(), $"auto: {string.Join(", ", counted.SeenByAction().Select(e => $"{e.Key} {e.Value}"))}");
        Assert.Equal(1, counted.SeenCount("GetCallerIdentity"));
        Assert.Equal(2, counted.SeenCount("GetCredentialReport"));
        Assert.Equal(1, counted.SeenCount("GenerateCredentialReport"));
        Assert.Equal(Offenders, counted.SeenCount("ListAccessKeys"));
        Assert.Equal(0, counted.SeenCount("GetAccessKeyLastUsed"));

        await using var liveProxy = account.Proxy(FaultPlan.None, seed: 0);
        var live = await AuditAsync(liveProxy, "--source", "live", "--rules", Single);
        counted = liveProxy.Counters;
        Assert.True(1 + Users + (2 * Offenders) + 2 == counted.SeenCount(), $"live: {string.Join(", ", counted.SeenByAction().Select(e => $"{e.Key} {e.Value}"))}");
        Assert.Equal(1, counted.SeenCount("ListUsers"));
        Assert.Equal(Users, counted.SeenCount("ListAccessKeys"));
        Assert.Equal(2 * Offenders, counted.SeenCount("GetAccessKeyLastUsed"));
        Assert.Equal(1, counted.SeenCount("GetCallerIdentity"));
        Assert.Equal(1, counted.SeenCount("GetAccountSummary"));

        // The floor costs no verdict: both sources keep the used key of every offender and agree on every principal.
        foreach (var (user, i) in offenders.Select((u, i) => (u, i)))
        {
            foreach (var report in new[] { auto, live })
            {
                var finding = Finding(report, user.UserName);
                Assert.Equal("FAIL", finding.GetProperty("status").GetString());
                if (i % 2 == 0)
                {
                    Assert.Equal(user.Keys[1].AccessKeyId, finding.GetProperty("decision").GetProperty("keep").GetString());
                }
            }

            Assert.Equal(["credential-report", "credential-report"], Sources(Finding(auto, user.UserName)));
            Assert.Equal(["live", "live"], Sources(Finding(live, user.UserName)));
        }

        Assert.Equal(Offenders, auto.GetProperty("summary").GetProperty("fail").GetInt32());
        Assert.Equal(Offenders, live.GetProperty("summary").GetProperty("fail").GetInt32());

        // --evidence all: today's cost, every key of every listed user read live.
        await using var allProxy = account.Proxy(FaultPlan.None, seed: 0);
        await AuditAsync(allProxy, "--source", "live", "--evidence", "all");
        var otherKeys = Enumerable.Range(0, Users - Offenders).Sum(i => i % 3);
        Assert.Equal((2 * Offenders) + otherKeys, allProxy.Counters.SeenCount("GetAccessKeyLastUsed"));

        // Every rule (the default): auto adds one GetAccountSummary (moto's report has no root row) and re-reads no one
        // else (no key is unused or old yet); live reads the last use of every key of each user with an active key
        // (iam-access-key-unused judges every active key; the user's inactive keys are read with them, as for an offender).
        await using var autoAllProxy = account.Proxy(FaultPlan.None, seed: 0);
        var autoAll = await AuditAsync(autoAllProxy, "--source", "auto");
        Console.WriteLine($"request floor, {Users} users / {Offenders} offenders: auto single rule {autoSingle}, auto every rule {autoAllProxy.Counters.SeenCount()}");
        Assert.True(4 + Offenders + 1 == autoAllProxy.Counters.SeenCount(), $"auto, every rule: {string.Join(", ", autoAllProxy.Counters.SeenByAction().Select(e => $"{e.Key} {e.Value}"))}");
        Assert.Equal(1, autoAllProxy.Counters.SeenCount("GetAccountSummary"));
        Assert.Equal(4, autoAll.GetProperty("rules").GetArrayLength());
        await using var liveAllProxy = account.Proxy(FaultPlan.None, seed: 0);
        await AuditAsync(liveAllProxy, "--source", "live");
        Assert.Equal((2 * Offenders) + otherKeys, liveAllProxy.Counters.SeenCount("GetAccessKeyLastUsed"));
        Assert.Equal(1 + Users + (2 * Offenders) + otherKeys + 2, liveAllProxy.Counters.SeenCount());
        Console.WriteLine($"request floor, live: single rule {1 + Users + (2 * Offenders) + 2}, every rule {liveAllProxy.Counters.SeenCount()}");
    }

    [SkippableFact]
    public async Task Report_slots_map_to_key_ids_by_creation_second_and_only_ambiguous_keys_are_read_live()
    {
        await using var account = FaultAccount.Create(MotoEnvironment.Plain());
        var seeder = account.Seeder;
        var apart = await TwoKeysApartAsync(seeder, "slot-apart");
        await UseAsync(seeder, apart.Keys[1]);
        // Created back to back: the same second, unless a second boundary fell between them (checked below).
        var together = await seeder.CreateNamedUserAsync("slot-together", [KeyState.Active, KeyState.Active]);
        await UseAsync(seeder, together.Keys[1]);
        var unused = await seeder.CreateNamedUserAsync("slot-unused", [KeyState.Active, KeyState.Active]);
        var togetherShareASecond = (await CreateDatesAsync(account, together)).Values.Distinct().Count() == 1;

        await using var proxy = account.Proxy(FaultPlan.None, seed: 0);
        var report = await AuditAsync(proxy, "--source", "auto", "--rules", Single);

        // Different seconds: placed from the report, the used key kept.
        Assert.Equal(["credential-report", "credential-report"], Sources(Finding(report, apart.UserName)));
        Assert.Equal(apart.Keys[1].AccessKeyId, Finding(report, apart.UserName).GetProperty("decision").GetProperty("keep").GetString());
        // Same second, different last use: read live, and still the used key kept.
        Assert.Equal(togetherShareASecond ? ["live", "live"] : ["credential-report", "credential-report"], Sources(Finding(report, together.UserName)));
        Assert.Equal(together.Keys[1].AccessKeyId, Finding(report, together.UserName).GetProperty("decision").GetProperty("keep").GetString());
        // Same second, same (no) last use: whichever slot is whose, the evidence is the same: no call.
        Assert.Equal(["credential-report", "credential-report"], Sources(Finding(report, unused.UserName)));
        Assert.Equal(togetherShareASecond ? 2 : 0, proxy.Counters.SeenCount("GetAccessKeyLastUsed"));
        Assert.Equal(3, proxy.Counters.SeenCount("ListAccessKeys"));
    }
}
