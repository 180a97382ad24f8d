using KeyWarden.Inventory;
using KeyWarden.Remediation;
using static KeyWarden.Tests.Remediation.RemediationCases;

namespace KeyWarden.Tests.Remediation;

/// <summary>Apply, verify and undo of iam-access-key-unused steps (they keep no key), on the fake IAM.</summary>
public class UnusedKeyRemediationTests : TempDirTest
{
    private const string Unused = "AKIAUNUSED0000000001";
    private const string Other = "AKIAOTHER00000000001";
    private static readonly ApplyOptions Options = new(TimeSpan.FromHours(24), AllowRecentlyUsed: false);
    private static readonly DateTimeOffset Now = TestData.AsOf;

    // The plan saw the key last used on 2026-09-01 (88 days before Now).
    private static readonly DateTimeOffset Seen = new(LongAgo, TimeSpan.Zero);

    private static PlanStep Step() => UnusedStep("1", "alice", Unused, LongAgo);

    private static AccessKey Key(string id, DateTimeOffset? lastUsed, KeyStatus status = KeyStatus.Active) =>
        new(id, null, status, Now.AddDays(-300), lastUsed, null, null);

    private static PrincipalKeys Live(params AccessKey[] keys) => new("alice", $"arn:aws:iam::{Account}:user/alice", false, keys);

    public sealed record Case(PlanStep Step, PrincipalKeys Live, string? CallerKeyId, ApplyOptions Options, int InUseDays, PreconditionVerdict Verdict, string ReasonContains);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["alone and unused: deactivated, no key is kept"] = new(Step(), Live(Key(Unused, Seen)), null, Options, 30,
            PreconditionVerdict.Proceed, "no key is kept"),
        ["with another Active key: deactivated"] = new(Step(), Live(Key(Unused, Seen), Key(Other, Now.AddDays(-1))), null, Options, 30,
            PreconditionVerdict.Proceed, "no key is kept"),
        ["never used, still never used"] = new(UnusedStep("1", "alice", Unused, null), Live(Key(Unused, null)), null, Options, 30,
            PreconditionVerdict.Proceed, "no key is kept"),
        ["used since the plan"] = new(Step(), Live(Key(Unused, Now.AddDays(-2)), Key(Other, Now)), null, Options, 30,
            PreconditionVerdict.Skip, "it is no longer unused; re-plan"),
        // --allow-recently-used is for completing a rotation; a key used since the plan is simply not unused any more.
        ["used since the plan, --allow-recently-used does not override"] = new(Step(), Live(Key(Unused, Now.AddDays(-2))), null,
            Options with { AllowRecentlyUsed = true }, 30, PreconditionVerdict.Skip, "it is no longer unused"),
        ["never used then, used now"] = new(UnusedStep("1", "alice", Unused, null), Live(Key(Unused, Now.AddDays(-5))), null, Options, 30,
            PreconditionVerdict.Skip, "last use then: never"),
        // The other key was deactivated since the plan, and the plan's --in-use-days (120) covers the key's last use (88 days).
        ["now the last Active key, used within the plan's --in-use-days"] = new(Step(), Live(Key(Unused, Seen), Key(Other, Now.AddDays(-1), KeyStatus.Inactive)),
            null, Options, 120, PreconditionVerdict.Skip, "now the last Active key of alice and was used within --in-use-days 120"),
        ["the last Active key, its last use outside --in-use-days"] = new(Step(), Live(Key(Unused, Seen), Key(Other, Now.AddDays(-1), KeyStatus.Inactive)),
            null, Options, 60, PreconditionVerdict.Proceed, "no key is kept"),
        ["the caller's own key"] = new(Step(), Live(Key(Unused, Seen)), Unused, Options, 30, PreconditionVerdict.Skip, "the access key keywarden is running with"),
        ["already Inactive"] = new(Step(), Live(Key(Unused, Seen, KeyStatus.Inactive)), null, Options, 30, PreconditionVerdict.AlreadyDone, "already Inactive"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Preconditions_of_an_unused_key_step(string name)
    {
        var c = Cases[name];

        var (verdict, reason) = PreconditionCheck.Evaluate(c.Step, c.Live, Now, c.CallerKeyId, c.Options, inUseDays: c.InUseDays);

        Assert.Equal(c.Verdict, verdict);
        Assert.Contains(c.ReasonContains, reason);
    }

    private string JournalPath => PathOf("plan.journal.jsonl");

    private async Task<RunReport> ApplyAsync(FakeIam iam, RemediationPlan plan)
    {
        using var journal = ChangeJournal.OpenForAppend(JournalPath);
        return await new Applier(iam, journal, new JournalState(journal.Records), new FixedClock(Now), Options)
            .ApplyAsync(plan, Account, [], _ => { }, CancellationToken.None);
    }

    // alice keeps a key in use; bob's only key is unused: the step leaves him without an Active key (nothing used it for 88 days).
    private static FakeIam TwoUsers() => new FakeIam()
        .User("alice", FakeIam.Active(Unused, LongAgo), FakeIam.Active(Other, Yesterday))
        .User("bob", FakeIam.Active(B1, LongAgo));

    private static RemediationPlan TwoUserPlan() => Plan(Step(), UnusedStep("2", "bob", B1, LongAgo));

    [Fact]
    public async Task Apply_deactivates_an_unused_key_without_a_keeper_and_journals_no_keeper()
    {
        var iam = TwoUsers();

        var run = await ApplyAsync(iam, TwoUserPlan());

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal([StepResult.Changed, StepResult.Changed], run.Steps.Select(s => s.Result));
        Assert.Equal(("Inactive", "Active", "Inactive"), (iam.StatusOf(Unused), iam.StatusOf(Other), iam.StatusOf(B1)));
        Assert.Equal([("alice", Unused, "Inactive"), ("bob", B1, "Inactive")], iam.Updates.Select(u => (u.UserName, u.AccessKeyId, u.Status)));
        var outcomes = ChangeJournal.Read(JournalPath).Where(r => r.Type == JournalRecord.Outcome).ToList();
        Assert.All(outcomes, o => Assert.Null(o.KeepKeyId));
        Assert.Equal("deactivated the unused key", outcomes[0].Reason);
    }

    [Fact]
    public async Task Apply_skips_an_unused_key_used_since_the_plan_and_sends_nothing()
    {
        var iam = new FakeIam().User("alice", FakeIam.Active(Unused, Yesterday));

        var run = await ApplyAsync(iam, Plan(Step()));

        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
        Assert.Equal(StepResult.Skipped, Assert.Single(run.Steps).Result);
        Assert.Empty(iam.Updates);
        Assert.Equal("Active", iam.StatusOf(Unused));
    }

    [Fact]
    public async Task Verify_confirms_the_unused_key_Inactive_and_does_not_count_the_other_active_key()
    {
        var iam = TwoUsers();
        var plan = TwoUserPlan();
        var before = await new Verifier(iam).VerifyAsync(Verifier.TargetsOf(plan), Account, CancellationToken.None);
        Assert.All(before, r => Assert.False(r.Passed));
        Assert.Contains($"the unused key {Unused} is still Active", before[0].Detail);

        await ApplyAsync(iam, plan);
        var fromPlan = await new Verifier(iam).VerifyAsync(Verifier.TargetsOf(plan), Account, CancellationToken.None);
        var fromJournal = await new Verifier(iam).VerifyAsync(Verifier.TargetsOf(new JournalState(ChangeJournal.Read(JournalPath))), Account, CancellationToken.None);

        foreach (var results in new[] { fromPlan, fromJournal })
        {
            Assert.Equal([("alice", Unused, true), ("bob", B1, true)], results.Select(r => (r.User, r.DeactivatedKey, r.Passed)));
            var alice = results[0];
            Assert.Null(alice.KeepKey);
            Assert.Equal([Other], alice.ActiveKeys);
            Assert.Equal($"the unused key {Unused} is no longer Active; other Active key(s): {Other} (not this rule's concern)", alice.Detail);
            Assert.Equal($"the unused key {B1} is no longer Active; no other key is Active", results[1].Detail);
        }
    }

    [Fact]
    public async Task Undo_reactivates_the_unused_keys_apply_deactivated()
    {
        var iam = TwoUsers();
        await ApplyAsync(iam, TwoUserPlan());
        iam.Updates.Clear();

        var run = await new UndoHarness(JournalPath, iam).UndoAsync();

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal([(Unused, StepResult.Changed), (B1, StepResult.Changed)], run.Steps.Select(s => (s.KeyId, s.Result)));
        Assert.Equal([("alice", Unused, "Active"), ("bob", B1, "Active")], iam.Updates.Select(u => (u.UserName, u.AccessKeyId, u.Status)));
        Assert.All([Unused, Other, B1], k => Assert.Equal("Active", iam.StatusOf(k)));
    }
}
