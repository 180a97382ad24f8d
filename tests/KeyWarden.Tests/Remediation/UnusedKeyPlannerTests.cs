using KeyWarden.Audit;
using KeyWarden.Audit.Rules.AccessKeyRotation;
using KeyWarden.Audit.Rules.AccessKeyUnused;
using KeyWarden.Audit.Rules.MultipleActiveKeys;
using KeyWarden.Audit.Rules.RootAccessKey;
using KeyWarden.Inventory;
using KeyWarden.Remediation;

namespace KeyWarden.Tests.Remediation;

/// <summary>What `plan` makes of iam-access-key-unused findings, alone and next to the single-key rule, and of the rules it never plans.</summary>
public class UnusedKeyPlannerTests : TempDirTest
{
    private static readonly DateTimeOffset AsOf = TestData.AsOf;
    private static readonly string Single = MultipleActiveKeysRule.Metadata.Id;
    private static readonly string Unused = AccessKeyUnusedRule.Metadata.Id;

    // Read live: last use is known (GetAccessKeyLastUsed answered), even for a key never used.
    private static AccessKey Key(string id, double ageDays, double? usedDaysAgo) =>
        new(id, null, KeyStatus.Active, AsOf.AddDays(-ageDays), usedDaysAgo is { } u ? AsOf.AddDays(-u) : null, null, null)
        {
            LastUsedSource = LastUseSource.Live,
        };

    private static PrincipalKeys User(string name, params AccessKey[] keys) =>
        new(name, $"arn:aws:iam::{RemediationCases.Account}:user/{name}", false, keys);

    private static AuditParameters Rules(params string[] ids) => new(Rules: ids);

    private RemediationPlan Plan(AuditParameters parameters, IReadOnlyList<PrincipalKeys> principals, bool includeNeedsReview = false, string? accountId = RemediationCases.Account)
    {
        var source = new SourceInfo(accountId, accountId is null ? null : "aws", SourceKind.Live, AsOf);
        var report = Auditor.Audit([new AccountInventory(source, principals)], parameters, AsOf, TestData.GeneratedAt);
        var plan = Planner.Plan(report, TestData.Tool, "plan-under-test", includeNeedsReview);

        // Whatever the planner writes, the plan reader accepts (and reads back the same steps).
        var path = PathOf($"plan-{Guid.NewGuid():N}.json");
        PlanFile.Save(plan, path);
        Assert.Equal(
            plan.Steps.Select(s => (s.StepId, s.DeactivateKey, s.KeepKey, s.RuleId, string.Join(",", s.ResolvedRules()))),
            PlanFile.Load(path).Steps.Select(s => (s.StepId, s.DeactivateKey, s.KeepKey, s.RuleId, string.Join(",", s.ResolvedRules()))));
        return plan;
    }

    // alice: OLD used 200 d ago: unused for 45 days or more, NEW used yesterday. A forgotten key under both rules.
    private static readonly PrincipalKeys Alice = User("alice", Key("AKIAALICE00000000OLD", 400, 200), Key("AKIAALICE00000000NEW", 60, 1));

    // bob: his only key, never used, created 100 days ago.
    private static readonly PrincipalKeys Bob = User("bob", Key("AKIABOB0000000000001", 100, null));

    // carol: her only key, used 20 days ago: in use, not unused.
    private static readonly PrincipalKeys Carol = User("carol", Key("AKIACAROL00000000001", 100, 20));

    [Fact]
    public void Each_unused_active_key_is_a_step_that_keeps_no_key()
    {
        var plan = Plan(Rules(Unused), [Alice, Bob, Carol]);

        Assert.Equal(
            [("1", "alice", "AKIAALICE00000000OLD"), ("2", "bob", "AKIABOB0000000000001")],
            plan.Steps.Select(s => (s.StepId, s.User, s.DeactivateKey)));
        var alice = plan.Steps[0];
        Assert.Null(alice.KeepKey);
        Assert.Null(alice.Expected.Keep);
        Assert.Equal(new ExpectedKey("AKIAALICE00000000OLD", "Active", "2026-05-12T09:00:00Z"), alice.Expected.Deactivate);
        Assert.Equal(Unused, alice.RuleId);
        Assert.Equal([Unused], alice.RuleIds);
        Assert.Null(alice.Classification);
        Assert.False(alice.NeedsReview);
        Assert.Contains("used 200 d ago: unused for 45 days or more", Assert.Single(alice.Reasons));
        Assert.Equal(new ExpectedKey("AKIABOB0000000000001", "Active", null), plan.Steps[1].Expected.Deactivate);
        Assert.Empty(plan.Skipped);
    }

    [Theory]
    [InlineData(30, true)]  // in-use-days below unused-days: an unused key cannot be in use, so even the last key goes
    [InlineData(44, true)]
    [InlineData(60, false)] // used 50 days ago, within 60: the last active key of a user who used it is never planned
    public void The_last_active_key_is_spared_only_when_used_within_in_use_days(int inUseDays, bool planned)
    {
        var dave = User("dave", Key("AKIADAVE000000000001", 300, 50));

        var plan = Plan(new AuditParameters(InUseDays: inUseDays, Rules: [Unused]), [dave]);

        Assert.Equal(planned, plan.Steps.Count == 1);
        if (!planned)
        {
            var skip = Assert.Single(plan.Skipped);
            Assert.Equal((Unused, "AKIADAVE000000000001", "dave"), (skip.RuleId, skip.Key, skip.User));
            Assert.Equal(["AKIADAVE000000000001"], skip.Deactivate);
            Assert.Contains("is the last active key of dave and was used within --in-use-days 60", skip.Reason);
        }
    }

    [Fact]
    public void With_in_use_days_not_below_unused_days_two_unused_keys_lose_only_the_older_one()
    {
        // Both unused (50 and 70 days, threshold 45), both "in use" within 80 days: one of them must stay Active.
        var erin = User("erin", Key("AKIAERIN000000000001", 300, 70), Key("AKIAERIN000000000002", 200, 50));

        var plan = Plan(new AuditParameters(InUseDays: 80, Rules: [Unused]), [erin]);

        Assert.Equal(["AKIAERIN000000000001"], plan.Steps.Select(s => s.DeactivateKey));
        Assert.Equal("AKIAERIN000000000002", Assert.Single(plan.Skipped).Key);
    }

    [Fact]
    public void A_key_both_rules_deactivate_is_one_step_with_the_single_rules_keeper()
    {
        var plan = Plan(Rules(Single, Unused), [Alice]);

        var step = Assert.Single(plan.Steps);
        Assert.Equal(("AKIAALICE00000000OLD", "AKIAALICE00000000NEW"), (step.DeactivateKey, step.KeepKey));
        Assert.Equal(Single, step.RuleId);
        Assert.Equal([Single, Unused], step.RuleIds);
        Assert.Equal("forgotten-key", step.Classification);
        Assert.Contains(step.Reasons, r => r.Contains("used 200 d ago: unused for 45 days or more", StringComparison.Ordinal));
    }

    [Fact]
    public void When_every_active_key_is_unused_the_single_rules_keeper_goes_too_and_no_key_is_kept()
    {
        // frank: keys last used 100 and 60 days ago; the single-key rule keeps the newer use, but both are unused.
        var frank = User("frank", Key("AKIAFRANK00000000001", 400, 100), Key("AKIAFRANK00000000002", 300, 60));

        var plan = Plan(Rules(Single, Unused), [frank]);

        Assert.Equal(
            [("AKIAFRANK00000000001", (string?)null, Unused, "iam-single-active-access-key,iam-access-key-unused"),
             ("AKIAFRANK00000000002", null, Unused, "iam-access-key-unused")],
            plan.Steps.Select(s => (s.DeactivateKey, s.KeepKey, s.RuleId, string.Join(",", s.ResolvedRules()))));
        Assert.All(plan.Steps, s => Assert.Null(s.Expected.Keep));
        Assert.Contains("The kept key AKIAFRANK00000000002 is unused too", plan.Steps[0].Reasons[^1]);
    }

    [Fact]
    public void An_unused_keeper_stays_while_the_key_the_single_rule_deactivates_was_used_more_recently()
    {
        // gina: K is younger (60 days) and unused for 50 days; D is older (300 days) and was used 40 days ago (not unused).
        // The single-key rule keeps K (needs review: D worked last); deactivating K as well would leave gina with nothing.
        var gina = User("gina", Key("AKIAGINA00000000000D", 300, 40), Key("AKIAGINA00000000000K", 60, 50));

        var reviewed = Plan(Rules(Single, Unused), [gina], includeNeedsReview: true);

        var step = Assert.Single(reviewed.Steps);
        Assert.Equal(("AKIAGINA00000000000D", "AKIAGINA00000000000K", Single), (step.DeactivateKey, step.KeepKey, step.RuleId));
        var skip = Assert.Single(reviewed.Skipped);
        Assert.Equal((Unused, "AKIAGINA00000000000K"), (skip.RuleId, skip.Key));
        Assert.Contains("it is the key iam-single-active-access-key keeps while step 1 deactivates AKIAGINA00000000000D", skip.Reason);

        // Without --include-needs-review the single-key rule plans nothing: the unused key alone goes, D stays Active.
        var plain = Plan(Rules(Single, Unused), [gina]);
        Assert.Equal([("AKIAGINA00000000000K", (string?)null, Unused)], plain.Steps.Select(s => (s.DeactivateKey, s.KeepKey, s.RuleId)));
        Assert.Equal([Single], plain.Skipped.Select(s => s.RuleId));
    }

    [Fact]
    public void Rotation_fails_are_skipped_with_the_rules_reason_and_never_planned()
    {
        var plan = Plan(Rules(AccessKeyRotationRule.Metadata.Id, Unused), [Alice]);

        Assert.Equal(["AKIAALICE00000000OLD"], plan.Steps.Select(s => s.DeactivateKey));
        var skip = Assert.Single(plan.Skipped);
        Assert.Equal((AccessKeyRotationRule.Metadata.Id, "AKIAALICE00000000OLD", "alice"), (skip.RuleId, skip.Key, skip.User));
        Assert.Equal(AccessKeyRotationRule.NotPlannedReason, skip.Reason);
        Assert.Empty(skip.Deactivate);
        Assert.Null(skip.Keep);
    }

    [Fact]
    public void A_root_access_key_fail_is_skipped_as_root_is()
    {
        var root = new PrincipalKeys(PrincipalKeys.RootName, $"arn:aws:iam::{RemediationCases.Account}:root", true,
            [new AccessKey("slot:1", 1, KeyStatus.Active, AsOf.AddDays(-500), AsOf.AddDays(-300), null, null)]);

        var plan = Plan(Rules(RootAccessKeyRule.Metadata.Id, Unused), [root, Bob]);

        Assert.Equal(["bob"], plan.Steps.Select(s => s.User));
        var skip = Assert.Single(plan.Skipped);
        Assert.Equal((RootAccessKeyRule.Metadata.Id, PrincipalKeys.RootName), (skip.RuleId, skip.User));
        Assert.StartsWith("root access keys should not exist at all", skip.Reason);
        Assert.Equal(["slot:1"], skip.Deactivate);
    }

    [Fact]
    public void An_unused_key_in_an_unknown_account_is_skipped()
    {
        var source = new SourceInfo(null, null, SourceKind.Live, AsOf);
        var report = Auditor.Audit([new AccountInventory(source, [Bob])], Rules(Unused), AsOf, TestData.GeneratedAt);

        var plan = Planner.Plan(report, TestData.Tool, "plan-under-test", includeNeedsReview: false);

        Assert.Empty(plan.Steps);
        Assert.Equal("the account is not known, so the key cannot be addressed", Assert.Single(plan.Skipped).Reason);
    }

    [Fact]
    public void The_plan_rule_ids_are_the_rules_ids() =>
        Assert.Equal([Single, Unused], PlanRules.Steps);
}
