using KeyWarden.Audit;
using KeyWarden.Inventory;

namespace KeyWarden.Tests.Inventory;

/// <summary>
/// The request floor per account: auto costs STS + the report calls + one ListAccessKeys per candidate, live costs
/// ListUsers + ListAccessKeys per user + GetAccessKeyLastUsed only for the keys of users with more than one active key.
/// </summary>
public sealed class RequestFloorTests
{
    private static readonly DateTime Yesterday = new(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Day1 = new(2026, 10, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Day2 = new(2026, 10, 2, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>Five users, two of them (bob, carol) with two active keys created on different seconds.</summary>
    private static ScriptedIam Account() => new ScriptedIam()
        .UserCreated("alice", ("AKIAALICE00000000001", "Active", Yesterday, Day1))
        .UserCreated("bob", ("AKIABOB0000000000001", "Active", null, Day1), ("AKIABOB0000000000002", "Active", Yesterday, Day2))
        .UserCreated("carol", ("AKIACAROL00000000001", "Active", Yesterday, Day1), ("AKIACAROL00000000002", "Active", null, Day2))
        .UserCreated("dave", ("AKIADAVE000000000001", "Active", Yesterday, Day1), ("AKIADAVE000000000002", "Inactive", null, Day2))
        .User("erin");

    private const int Users = 5;
    private const int Offenders = 2;

    private static AutoInventorySource Auto(ScriptedIam iam, LastUseEvidence evidence = LastUseEvidence.Needed, PrincipalFilter? filter = null, TimeSpan? maxAge = null) =>
        new(iam, iam, new CredentialReportFetcher(iam, new FixedClock(TestData.AsOf), maxAge: maxAge), 2, new FixedClock(TestData.AsOf), null,
            rootRowRequired: true, evidence, filter);

    private static LiveInventorySource Live(ScriptedIam iam, LastUseEvidence evidence = LastUseEvidence.Needed, PrincipalFilter? filter = null) =>
        new(iam, iam, 2, new FixedClock(TestData.AsOf), null, evidence, filter);

    private static AuditReport Audit(IReadOnlyList<AccountInventory> inventories) =>
        Auditor.Audit(inventories, TestData.SingleRule, TestData.AsOf, TestData.AsOf);

    [Fact]
    public async Task Auto_on_an_account_without_a_report_costs_4_plus_V()
    {
        var iam = Account();

        var inventory = Assert.Single(await Auto(iam).ReadAsync(CancellationToken.None));

        Assert.Null(inventory.Source.Error);
        Assert.Equal(4 + Offenders, iam.TotalCalls);
        Assert.Equal(2, iam.Calls["GetCredentialReport"]);
        Assert.Equal(1, iam.Calls["GenerateCredentialReport"]);
        Assert.Equal(Offenders, iam.Calls["ListAccessKeys"]);
        Assert.False(iam.Calls.ContainsKey("GetAccessKeyLastUsed"));
    }

    [Fact]
    public async Task Auto_with_a_fresh_report_costs_2_plus_V()
    {
        var iam = Account();
        iam.ReportPresent = true;

        await Auto(iam).ReadAsync(CancellationToken.None);

        Assert.Equal(2 + Offenders, iam.TotalCalls);
        Assert.False(iam.Calls.ContainsKey("GenerateCredentialReport"));
    }

    [Fact]
    public async Task Auto_generates_when_the_report_is_older_than_max_report_age_and_takes_what_IAM_then_returns()
    {
        var iam = Account();
        iam.ReportPresent = true;
        iam.ReportGeneratedAt = TestData.AsOf.UtcDateTime.AddHours(-5);

        var inventory = Assert.Single(await Auto(iam).ReadAsync(CancellationToken.None));

        // Get (stale), Generate (IAM reuses or starts one), Get: taken even though IAM answered with the same time.
        Assert.Equal(2, iam.Calls["GetCredentialReport"]);
        Assert.Equal(1, iam.Calls["GenerateCredentialReport"]);
        Assert.Contains("(5 h 0 min old)", inventory.Source.Notes![0]);
    }

    [Fact]
    public async Task Max_report_age_decides_what_is_stale()
    {
        var iam = Account();
        iam.ReportPresent = true;
        iam.ReportGeneratedAt = TestData.AsOf.UtcDateTime.AddMinutes(-45);

        await Auto(iam, maxAge: TimeSpan.FromMinutes(30)).ReadAsync(CancellationToken.None);

        Assert.Equal(1, iam.Calls["GenerateCredentialReport"]);
    }

    [Fact]
    public async Task Auto_takes_last_use_from_the_report_slot_with_the_keys_creation_second()
    {
        var iam = Account();

        var report = Audit(await Auto(iam).ReadAsync(CancellationToken.None));

        var bob = report.Findings.Single(f => f.Principal == "bob");
        Assert.Equal(FindingStatus.Fail, bob.Status);
        var used = bob.Keys.Single(k => k.Key.Id == "AKIABOB0000000000002").Key;
        Assert.Equal(new DateTimeOffset(Yesterday), used.LastUsedAt);
        Assert.Equal("s3", used.LastUsedService);
        Assert.Equal("us-east-1", used.LastUsedRegion);
        Assert.Equal(LastUseSource.CredentialReport, used.LastUsedSource);
        var unused = bob.Keys.Single(k => k.Key.Id == "AKIABOB0000000000001").Key;
        Assert.Null(unused.LastUsedAt);
        Assert.Equal(LastUseSource.CredentialReport, unused.LastUsedSource);
        Assert.Equal("AKIABOB0000000000002", bob.Decision!.Keep);
    }

    [Fact]
    public async Task Keys_created_in_the_same_second_with_different_last_use_are_read_live()
    {
        var iam = new ScriptedIam()
            .UserCreated("bob", ("AKIABOB0000000000001", "Active", null, Day1), ("AKIABOB0000000000002", "Active", Yesterday, Day1));

        var report = Audit(await Auto(iam).ReadAsync(CancellationToken.None));

        Assert.Equal(2, iam.Calls["GetAccessKeyLastUsed"]);
        var bob = report.Findings.Single(f => f.Principal == "bob");
        Assert.All(bob.Keys, k => Assert.Equal(LastUseSource.Live, k.Key.LastUsedSource));
        Assert.Equal("AKIABOB0000000000002", bob.Decision!.Keep);
    }

    [Fact]
    public async Task Keys_created_in_the_same_second_with_the_same_last_use_need_no_live_read()
    {
        var iam = new ScriptedIam()
            .UserCreated("bob", ("AKIABOB0000000000001", "Active", null, Day1), ("AKIABOB0000000000002", "Active", null, Day1));

        await Auto(iam).ReadAsync(CancellationToken.None);

        Assert.False(iam.Calls.ContainsKey("GetAccessKeyLastUsed"));
    }

    [Fact]
    public async Task Auto_with_evidence_all_reads_every_candidate_key_live()
    {
        var iam = Account();

        var inventory = Assert.Single(await Auto(iam, LastUseEvidence.All).ReadAsync(CancellationToken.None));

        Assert.Equal(2 * Offenders, iam.Calls["GetAccessKeyLastUsed"]);
        Assert.All(inventory.Principals.Where(p => p.Name is "bob" or "carol").SelectMany(p => p.Keys),
            k => Assert.Equal(LastUseSource.Live, k.LastUsedSource));
    }

    [Fact]
    public async Task Live_costs_1_plus_U_plus_2V_besides_STS_and_GetAccountSummary()
    {
        var iam = Account();

        var report = Audit(await Live(iam).ReadAsync(CancellationToken.None));

        Assert.Equal(1, iam.Calls["ListUsers"]);
        Assert.Equal(Users, iam.Calls["ListAccessKeys"]);
        Assert.Equal(2 * Offenders, iam.Calls["GetAccessKeyLastUsed"]);
        Assert.Equal(1 + Users + (2 * Offenders) + 2, iam.TotalCalls);
        // dave has one active key: not read, and said so; the decision for bob still has both keys' last use.
        var dave = report.Findings.Single(f => f.Principal == "dave");
        Assert.Equal(FindingStatus.Pass, dave.Status);
        Assert.All(dave.Keys, k => Assert.Null(k.Key.LastUsedSource));
        Assert.Equal("AKIABOB0000000000002", report.Findings.Single(f => f.Principal == "bob").Decision!.Keep);
    }

    [Fact]
    public async Task Live_with_evidence_all_reads_every_key()
    {
        var iam = Account();

        await Live(iam, LastUseEvidence.All).ReadAsync(CancellationToken.None);

        Assert.Equal(7, iam.Calls["GetAccessKeyLastUsed"]);
    }

    [Fact]
    public async Task Principal_globs_apply_before_the_per_user_reads()
    {
        var live = Account();
        var auto = Account();
        var filter = new PrincipalFilter(["B*"]);

        var fromLive = Assert.Single(await Live(live, filter: filter).ReadAsync(CancellationToken.None));
        var fromAuto = Assert.Single(await Auto(auto, filter: filter).ReadAsync(CancellationToken.None));

        Assert.Equal(1, live.Calls["ListAccessKeys"]);
        Assert.Equal(2, live.Calls["GetAccessKeyLastUsed"]);
        Assert.Equal("bob", Assert.Single(fromLive.Principals).Name);
        Assert.Equal(1, auto.Calls["ListAccessKeys"]);
        Assert.Equal("bob", Assert.Single(fromAuto.Principals).Name);
    }

    [Fact]
    public async Task A_glob_matching_nobody_leaves_no_source_error_so_the_CLI_can_exit_2()
    {
        var filter = new PrincipalFilter(["nobody*"]);

        var live = Assert.Single(await Live(Account(), filter: filter).ReadAsync(CancellationToken.None));
        var auto = Assert.Single(await Auto(Account(), filter: filter).ReadAsync(CancellationToken.None));

        Assert.Null(live.Source.Error);
        Assert.Empty(live.Principals);
        Assert.Null(auto.Source.Error);
        Assert.Empty(auto.Principals);
    }
}
