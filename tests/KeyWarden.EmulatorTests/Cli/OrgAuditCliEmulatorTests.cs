using System.Text.Json;
using KeyWarden.EmulatorTests.Infrastructure;

namespace KeyWarden.EmulatorTests.Cli;

/// <summary>
/// The real `keywarden audit` across an organization on moto: the management account read directly, members through
/// OrganizationAccountAccessRole, a member whose role refuses us (the fault proxy answers AccessDenied for its
/// AssumeRole, as a trust policy would) and a closed one; and the selections --accounts, --exclude-accounts, --shard, --ou.
/// </summary>
public sealed class OrgAuditCliEmulatorTests
{
    /// <summary>An organization with offenders in the management account and two members, plus a refused and a closed member.</summary>
    private sealed record Fleet(
        OrgWorld World,
        FaultProxy Proxy,
        OrgMember A,
        OrgMember B,
        OrgMember Refused,
        OrgMember Closed,
        SeededUser HubOffender,
        SeededUser AOffender1,
        SeededUser AOffender2,
        SeededUser BOffender,
        SeededUser BClean) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Proxy.DisposeAsync();
            await World.DisposeAsync();
        }

        public Task<KeywardenProcess.Result> RunAsync(params string[] args) =>
            KeywardenProcess.RunAsync(Proxy.AsServer(), World.HubCredentials, args);
    }

    private static async Task<Fleet> SeedAsync()
    {
        var moto = MotoEnvironment.Plain();
        var world = await OrgWorld.CreateAsync(moto);
        var a = await world.CreateMemberAsync("member-a");
        var b = await world.CreateMemberAsync("member-b");
        var refused = await world.CreateMemberAsync("member-refused");
        var closed = await world.CreateMemberAsync("member-closed");
        await world.CloseMemberAsync(closed);

        var hubSeeder = world.SeederFor(world.ManagementAccountId);
        var hubOffender = await hubSeeder.CreateUserAsync("kw-hub-two", keys: [KeyState.Active, KeyState.Active]);
        await hubSeeder.UseKeyAsync(hubOffender.Keys[1]);

        var aSeeder = world.SeederFor(a.AccountId);
        var a1 = await aSeeder.CreateUserAsync("kw-a1", keys: [KeyState.Active, KeyState.Active]);
        await aSeeder.UseKeyAsync(a1.Keys[0]);
        var a2 = await aSeeder.CreateUserAsync("kw-a2", keys: [KeyState.Active, KeyState.Active]);
        await aSeeder.UseKeyAsync(a2.Keys[1]);

        var bSeeder = world.SeederFor(b.AccountId);
        var b1 = await bSeeder.CreateUserAsync("kw-b1", keys: [KeyState.Active, KeyState.Active]);
        await bSeeder.UseKeyAsync(b1.Keys[1]);
        var bClean = await bSeeder.CreateUserAsync("kw-b2", keys: [KeyState.Active, KeyState.Inactive]);
        await world.SeederFor(refused.AccountId).CreateUserAsync("kw-r", keys: [KeyState.Active, KeyState.Active]);

        var proxy = new FaultProxy(moto.Url, new FaultPlan([FaultRule.RefuseAssumeRoleInto(refused.AccountId)]));
        return new Fleet(world, proxy, a, b, refused, closed, hubOffender, a1, a2, b1, bClean);
    }

    private static JsonElement Json(KeywardenProcess.Result result)
    {
        using var doc = JsonDocument.Parse(result.Stdout);
        return doc.RootElement.Clone();
    }

    private static Dictionary<string, string> Statuses(JsonElement report) =>
        report.GetProperty("sources").EnumerateArray().ToDictionary(s => s.GetProperty("accountId").GetString()!, s => s.GetProperty("status").GetString()!);

    private static JsonElement Finding(JsonElement report, string accountId, SeededUser user) =>
        report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("accountId").GetString() == accountId && f.GetProperty("principal").GetString() == user.UserName);

    private static void AssertKeeps(JsonElement finding, SeededKey keep, SeededKey deactivate)
    {
        Assert.True(finding.GetProperty("status").GetString() == "FAIL" && finding.GetProperty("decision").GetProperty("keep").GetString() == keep.AccessKeyId,
            $"expected to keep {keep.AccessKeyId}: {finding}");
        Assert.Equal([deactivate.AccessKeyId], finding.GetProperty("decision").GetProperty("deactivate").EnumerateArray().Select(e => e.GetString()));
    }

    [SkippableTheory]
    [InlineData("auto")]
    [InlineData("live")]
    public async Task Audit_org_reads_every_member_accounts_for_the_refused_and_closed_ones_and_exits_3(string source)
    {
        await using var fleet = await SeedAsync();

        var result = await fleet.RunAsync("audit", "--rules", "iam-single-active-access-key", "--org", "--source", source, "--format", "json", "--principal", "kw-*");

        Assert.True(result.ExitCode == 3, $"exit {result.ExitCode}, stderr: {result.Stderr}");
        var report = Json(result);
        var statuses = Statuses(report);
        Assert.Equal(
            new Dictionary<string, string>
            {
                [fleet.World.ManagementAccountId] = "ok",
                [fleet.A.AccountId] = "ok",
                [fleet.B.AccountId] = "ok",
                [fleet.Refused.AccountId] = "access-denied",
                [fleet.Closed.AccountId] = "skipped",
            }.OrderBy(p => p.Key),
            statuses.OrderBy(p => p.Key));

        var sources = report.GetProperty("sources").EnumerateArray().ToDictionary(s => s.GetProperty("accountId").GetString()!);
        Assert.Equal("member-a", sources[fleet.A.AccountId].GetProperty("accountName").GetString());
        Assert.Equal($"arn:aws:iam::{fleet.A.AccountId}:role/OrganizationAccountAccessRole", sources[fleet.A.AccountId].GetProperty("roleArn").GetString());
        Assert.Equal(JsonValueKind.Null, sources[fleet.World.ManagementAccountId].GetProperty("roleArn").ValueKind);
        Assert.Contains(fleet.Refused.AccountId, sources[fleet.Refused.AccountId].GetProperty("error").GetString());
        Assert.Contains("AccessDenied", sources[fleet.Refused.AccountId].GetProperty("error").GetString());
        Assert.Contains("SUSPENDED", string.Join(" ", sources[fleet.Closed.AccountId].GetProperty("notes").EnumerateArray().Select(n => n.GetString())));

        AssertKeeps(Finding(report, fleet.World.ManagementAccountId, fleet.HubOffender), fleet.HubOffender.Keys[1], fleet.HubOffender.Keys[0]);
        // The older key in use and a new one not yet: a rotation in progress keeps the new key (and needs review).
        var rotating = Finding(report, fleet.A.AccountId, fleet.AOffender1);
        AssertKeeps(rotating, fleet.AOffender1.Keys[1], fleet.AOffender1.Keys[0]);
        Assert.Equal("rotation-in-progress", rotating.GetProperty("classification").GetString());
        AssertKeeps(Finding(report, fleet.A.AccountId, fleet.AOffender2), fleet.AOffender2.Keys[1], fleet.AOffender2.Keys[0]);
        AssertKeeps(Finding(report, fleet.B.AccountId, fleet.BOffender), fleet.BOffender.Keys[1], fleet.BOffender.Keys[0]);
        Assert.Equal("PASS", Finding(report, fleet.B.AccountId, fleet.BClean).GetProperty("status").GetString());
        // Nothing of the refused account leaks in as a pass, and the closed one was never read.
        Assert.DoesNotContain(report.GetProperty("findings").EnumerateArray(), f => f.GetProperty("accountId").GetString() is { } id && (id == fleet.Refused.AccountId || id == fleet.Closed.AccountId));
        Assert.Equal(0, fleet.Proxy.Counters.AssumeRoleForwarded(fleet.Closed.AccountId));
        Assert.Equal(0, fleet.Proxy.Counters.AssumeRoleForwarded(fleet.Refused.AccountId)); // refused at the proxy, as AWS would

        // One progress line per finished account on stderr (no terminal here), the refused one named as such.
        Assert.Contains($"account {fleet.Refused.AccountId} (member-refused): access-denied", result.Stderr);
    }

    [SkippableFact]
    public async Task Auto_costs_each_member_one_assume_role_one_sts_call_the_report_calls_and_one_list_per_candidate()
    {
        await using var fleet = await SeedAsync();

        var result = await fleet.RunAsync("audit", "--rules", "iam-single-active-access-key", "--org", "--format", "json", "--principal", "kw-*", "--quiet");

        Assert.True(result.ExitCode == 3, result.Stderr);
        var seen = fleet.Proxy.Counters.SeenByAction();
        Assert.Equal(1, seen.GetValueOrDefault("ListAccounts"));
        Assert.Equal(3, seen.GetValueOrDefault("AssumeRole")); // two members read, the refused one asked once
        Assert.Equal(3, seen.GetValueOrDefault("GetCallerIdentity")); // the hub, and each member once, when its session opens
        Assert.Equal(3, seen.GetValueOrDefault("GenerateCredentialReport")); // fresh accounts have no report yet
        Assert.Equal(6, seen.GetValueOrDefault("GetCredentialReport")); // ReportNotPresent, then the report
        Assert.Equal(4, seen.GetValueOrDefault("ListAccessKeys")); // one per principal with two active keys
        Assert.DoesNotContain("ListUsers", seen.Keys);
    }

    [SkippableFact]
    public async Task Throttled_sts_organizations_and_iam_calls_are_ridden_out_in_every_account()
    {
        await using var fleet = await SeedAsync();
        var clean = Json(await fleet.RunAsync("audit", "--rules", "iam-single-active-access-key", "--org", "--format", "json", "--principal", "kw-*", "--quiet"));
        // A proxy of its own, so that its counts start at zero.
        await using var faulty = new FaultProxy(MotoEnvironment.Plain().Url, new FaultPlan(
        [
            FaultRule.RefuseAssumeRoleInto(fleet.Refused.AccountId),
            // The hub's STS and Organizations calls: each throttled twice, then answered.
            new FaultRule(new HashSet<string> { "AssumeRole", "GetCallerIdentity", "ListAccounts" }, 1.0, [FaultKind.Throttling], FirstOccurrences: 2),
            new FaultRule(null, 0.3, [FaultKind.Throttling, FaultKind.ServiceUnavailable]),
        ]));

        var result = await KeywardenProcess.RunAsync(faulty.AsServer(), fleet.World.HubCredentials, "audit", "--rules", "iam-single-active-access-key", "--org", "--format", "json", "--principal", "kw-*", "--quiet");

        Assert.True(result.ExitCode == 3, $"exit {result.ExitCode}, stderr: {result.Stderr}");
        var faulted = Json(result);
        Assert.Equal(Statuses(clean).OrderBy(p => p.Key), Statuses(faulted).OrderBy(p => p.Key));
        static IEnumerable<string> Decisions(JsonElement report) => report.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("accountId").GetString()}/{f.GetProperty("principal").GetString()}: {f.GetProperty("status").GetString()} keep {(f.GetProperty("decision").ValueKind == JsonValueKind.Object ? f.GetProperty("decision").GetProperty("keep").GetString() : "-")}")
            .Order();
        Assert.Equal(Decisions(clean), Decisions(faulted));
        // The two reachable members' roles and the listing were each throttled twice before they answered.
        Assert.True(faulty.Counters.FaultedCount(FaultKind.Throttling, "AssumeRole") == 4, faulty.Counters.Summary());
        Assert.Equal(2, faulty.Counters.FaultedCount(FaultKind.Throttling, "ListAccounts"));
    }

    [SkippableFact]
    public async Task Org_where_no_organization_lists_any_account_exits_3_never_an_empty_pass()
    {
        var moto = MotoEnvironment.Plain();
        await using var lone = new FaultProxy(moto.Url, motoAccountId: FaultProxy.NewAccountId());
        var user = await MotoSeeder.ForPlain(lone.AsServer()).CreateUserAsync("kw-lone", MotoSeeder.AllowAllPolicy, [KeyState.Active]);

        // moto answers ListAccounts without an organization with an empty list (AWS: AWSOrganizationsNotInUseException).
        var result = await KeywardenProcess.RunAsync(moto, user.Keys[0].Credentials, "audit", "--rules", "iam-single-active-access-key", "--org", "--format", "json");

        Assert.Equal(3, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("--org: Organizations listed no account", result.Stderr);
    }

    [SkippableFact]
    public async Task Accounts_and_exclude_accounts_select_what_they_say()
    {
        await using var fleet = await SeedAsync();

        var result = await fleet.RunAsync("audit", "--rules", "iam-single-active-access-key", "--accounts", $"{fleet.A.AccountId},{fleet.B.AccountId}", "--exclude-accounts", fleet.B.AccountId,
            "--format", "json", "--principal", "kw-*", "--quiet");

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}, stderr: {result.Stderr}");
        Assert.Equal(
            new Dictionary<string, string> { [fleet.A.AccountId] = "ok", [fleet.B.AccountId] = "skipped" }.OrderBy(p => p.Key),
            Statuses(Json(result)).OrderBy(p => p.Key));
        Assert.DoesNotContain(" done, ", result.Stderr); // --quiet: no progress lines
    }

    [SkippableFact]
    public async Task Shards_split_the_selection_into_disjoint_parts_that_cover_it()
    {
        await using var fleet = await SeedAsync();
        var ids = string.Join(",", fleet.World.ManagementAccountId, fleet.A.AccountId, fleet.B.AccountId);
        var seen = new List<string>();
        for (var shard = 1; shard <= 3; shard++)
        {
            var result = await fleet.RunAsync("audit", "--rules", "iam-single-active-access-key", "--accounts", ids, "--shard", $"{shard}/3", "--format", "json", "--principal", "kw-*", "--quiet");
            Assert.True(result.ExitCode is 0 or 1, $"shard {shard}: exit {result.ExitCode}, stderr: {result.Stderr}");
            seen.AddRange(Statuses(Json(result)).Keys);
        }

        Assert.Equal(ids.Split(',').Order(), seen.Order());
    }

    [SkippableFact]
    public async Task Ou_selects_the_accounts_under_it_through_child_ous()
    {
        await using var fleet = await SeedAsync();
        var parent = await fleet.World.CreateOrganizationalUnitAsync(fleet.World.RootId, "workloads");
        var child = await fleet.World.CreateOrganizationalUnitAsync(parent, "prod");
        await fleet.World.MoveAccountAsync(fleet.B, fleet.World.RootId, child);

        var result = await fleet.RunAsync("audit", "--rules", "iam-single-active-access-key", "--ou", parent, "--format", "json", "--principal", "kw-*", "--quiet");

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}, stderr: {result.Stderr}");
        Assert.Equal([fleet.B.AccountId], Statuses(Json(result)).Keys);
    }

    [SkippableFact]
    public async Task Every_page_of_a_25_account_organization_is_read()
    {
        await using var fleet = await SeedAsync();
        for (var i = 0; i < 21; i++)
        {
            var member = await fleet.World.CreateMemberAsync($"bulk-{i:00}");
            await fleet.World.SeederFor(member.AccountId).CreateUserAsync("kw-bulk", keys: [KeyState.Active]); // an empty account is an error, not a pass
        }

        var result = await fleet.RunAsync("audit", "--rules", "iam-single-active-access-key", "--org", "--source", "credential-report", "--format", "json", "--principal", "kw-*", "--quiet", "--max-accounts", "16");

        var statuses = Statuses(Json(result));
        Assert.True(statuses.Count(s => s.Value == "ok") == 24, result.Stdout);
        Assert.Equal(26, statuses.Count); // the management account and 25 members
        Assert.Equal(24, statuses.Values.Count(s => s == "ok"));
        Assert.Equal(1, statuses.Values.Count(s => s == "access-denied"));
        Assert.Equal(1, statuses.Values.Count(s => s == "skipped"));
        Assert.Equal(3, result.ExitCode);
    }
}
