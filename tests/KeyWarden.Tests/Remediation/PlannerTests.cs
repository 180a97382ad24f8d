using KeyWarden.Audit;
using KeyWarden.Inventory;
using KeyWarden.Remediation;

namespace KeyWarden.Tests.Remediation;

public class PlannerTests
{
    private const string PlanId = "plan-under-test";
    private static readonly DateTimeOffset AsOf = TestData.AsOf;

    private static RemediationPlan PlanSample(bool includeNeedsReview = false, bool includeRotations = false) =>
        Planner.Plan(TestData.SampleReport(), TestData.Tool, PlanId, includeNeedsReview, includeRotations);

    private static AccessKey Key(string id, double ageDays, double? usedDaysAgo, KeyStatus status = KeyStatus.Active) =>
        new(id, null, status, AsOf.AddDays(-ageDays), usedDaysAgo is { } u ? AsOf.AddDays(-u) : null, null, null);

    private static PrincipalKeys User(string name, params AccessKey[] keys) =>
        new(name, $"arn:aws:iam::{RemediationCases.Account}:user/{name}", false, keys);

    private static AuditReport LiveReport(AuditParameters parameters, params PrincipalKeys[] principals)
    {
        var source = new SourceInfo(RemediationCases.Account, "aws", SourceKind.Live, AsOf);
        return Auditor.Audit([new AccountInventory(source, principals)], parameters, AsOf, TestData.GeneratedAt);
    }

    // A forgotten second key: AKIA...OLD not used for 200 days, AKIA...NEW used yesterday.
    private static PrincipalKeys Forgotten(string name) => User(name,
        Key($"AKIA{name.ToUpperInvariant(),-8}OLD00001".Replace(' ', 'X'), 400, 200),
        Key($"AKIA{name.ToUpperInvariant(),-8}NEW00001".Replace(' ', 'X'), 60, 1));

    [Fact]
    public void Offline_sample_plans_only_the_fails_that_need_no_review_named_by_slot()
    {
        var plan = PlanSample();

        Assert.True(plan.Offline);
        Assert.Equal(["bob", "ci-deployer", "svc,reporting", "judy"], plan.Steps.Select(s => s.User));
        Assert.All(plan.Steps, s =>
        {
            Assert.Matches(@"^slot:\d$", s.DeactivateKey);
            Assert.Matches(@"^slot:\d$", s.KeepKey);
            Assert.False(s.NeedsReview);
        });
        Assert.Equal(["carol", "dave", "erin", "mallory"], plan.Skipped.Select(s => s.User));
    }

    [Fact]
    public void Plan_header_names_tool_parameters_times_and_accounts()
    {
        var plan = PlanSample();

        Assert.Equal(RemediationPlan.CurrentSchemaVersion, plan.SchemaVersion);
        Assert.Equal(RemediationPlan.PlanKind, plan.Kind);
        Assert.Equal(PlanId, plan.PlanId);
        Assert.Equal(TestData.Tool.Name, plan.Tool.Name);
        Assert.Equal(TestData.Tool.Version, plan.Tool.Version);
        Assert.Equal("2026-11-28T09:30:00Z", plan.CreatedAt);
        Assert.Equal("2026-11-28T09:00:00Z", plan.AsOf);
        Assert.Equal(90, plan.Parameters.MaxKeyAgeDays);
        Assert.Equal(30, plan.Parameters.InUseDays);
        Assert.Equal([new PlanAccount("111122223333", "aws")], plan.Accounts);
        Assert.Equal("credential-report-file", Assert.Single(plan.Sources).Kind);
    }

    [Fact]
    public void A_step_records_account_user_keys_classification_reasons_and_expected_state()
    {
        var bob = PlanSample().Steps.Single(s => s.User == "bob");
        var finding = TestData.SampleReport().Findings.Single(f => f.Principal == "bob");

        Assert.Equal("111122223333", bob.AccountId);
        Assert.Equal("aws", bob.Partition);
        Assert.Equal("arn:aws:iam::111122223333:user/bob", bob.Arn);
        Assert.Equal("slot:1", bob.DeactivateKey);
        Assert.Equal("slot:2", bob.KeepKey);
        Assert.Equal("forgotten-key", bob.Classification);
        Assert.False(bob.NeedsReview);
        Assert.False(bob.RotateKeeper);
        Assert.Equal(finding.Decision!.Reasons, bob.Reasons);
        Assert.Equal(new ExpectedKey("slot:1", "Active", "2026-05-12T06:00:00Z"), bob.Expected.Deactivate);
        Assert.Equal(new ExpectedKey("slot:2", "Active", "2026-11-27T06:00:00Z"), bob.Expected.Keep);
    }

    [Fact]
    public void Expected_state_of_a_never_used_key_has_no_last_use()
    {
        var erin = PlanSample(includeNeedsReview: true).Steps.Single(s => s.User == "erin");

        Assert.Equal("no-usage-evidence", erin.Classification);
        Assert.Equal(new ExpectedKey("slot:1", "Active", null), erin.Expected.Deactivate);
        Assert.Equal(new ExpectedKey("slot:2", "Active", null), erin.Expected.Keep);
    }

    // ---- rotations in progress ---------------------------------------------------------------------

    [Fact]
    public void A_rotation_in_progress_is_never_planned_by_default_and_says_when_to_re_plan()
    {
        var plan = PlanSample(includeNeedsReview: true);

        Assert.DoesNotContain(plan.Steps, s => s.User is "carol" or "mallory");
        // carol's new key (slot:2) was created 2026-11-25T09:00:00Z, mallory's 2026-11-26T09:00:00Z; the grace period is 7 days.
        var carol = plan.Skipped.Single(s => s.User == "carol");
        Assert.Equal("rotation-in-progress", carol.Classification);
        Assert.Equal("rotation in progress; re-plan after 2026-12-02T09:00:00Z", carol.Reason);
        Assert.Equal("slot:2", carol.Keep);
        Assert.Equal(["slot:1"], carol.Deactivate);
        Assert.Equal("rotation in progress; re-plan after 2026-12-03T09:00:00Z", plan.Skipped.Single(s => s.User == "mallory").Reason);
    }

    [Fact]
    public void Include_rotations_completes_a_rotation_whose_new_key_is_in_use_and_keeps_the_new_key()
    {
        var plan = PlanSample(includeRotations: true);

        var mallory = Assert.Single(plan.Steps, s => s.User == "mallory");
        Assert.Equal("rotation-in-progress", mallory.Classification);
        Assert.Equal("slot:1", mallory.DeactivateKey); // the older key
        Assert.Equal("slot:2", mallory.KeepKey);       // the new key, itself in use
        Assert.Equal(new ExpectedKey("slot:2", "Active", "2026-11-28T06:00:00Z"), mallory.Expected.Keep);

        // carol's new key has not been used yet: completing her rotation could leave her application with no working key.
        var carol = plan.Skipped.Single(s => s.User == "carol");
        Assert.StartsWith("rotation in progress; re-plan after 2026-12-02T09:00:00Z", carol.Reason);
        Assert.Contains("the new key slot:2 is not in use yet", carol.Reason);
        Assert.DoesNotContain(plan.Steps, s => s.User == "carol");
    }

    [Fact]
    public void Include_needs_review_does_not_plan_rotations()
    {
        var plan = PlanSample(includeNeedsReview: true);

        Assert.Equal(["carol", "mallory"], plan.Skipped.Select(s => s.User));
    }

    [Fact]
    public void A_live_rotation_is_planned_with_include_rotations_by_key_id()
    {
        var alice = User("alice", Key("AKIAALICEOLD00000001", 300, 0.5), Key("AKIAALICENEW00000001", 2, 0.2));
        var bob = User("bob", Key("AKIABOBXXOLD00000001", 300, 0.5), Key("AKIABOBXXNEW00000001", 2, null));
        var report = LiveReport(TestData.SingleRule, alice, bob);

        var byDefault = Planner.Plan(report, TestData.Tool, PlanId, includeNeedsReview: true);
        var included = Planner.Plan(report, TestData.Tool, PlanId, includeNeedsReview: false, includeRotations: true);

        Assert.Empty(byDefault.Steps);
        Assert.Equal(["alice", "bob"], byDefault.Skipped.Select(s => s.User));
        var step = Assert.Single(included.Steps);
        Assert.Equal(("alice", "AKIAALICEOLD00000001", "AKIAALICENEW00000001"), (step.User, step.DeactivateKey, step.KeepKey));
        Assert.Equal(["bob"], included.Skipped.Select(s => s.User));
    }

    // ---- the key that worked last ---------------------------------------------------------------------

    [Fact]
    public void The_only_key_that_ever_worked_is_not_deactivated_without_review()
    {
        // Old key used 40 days ago, new key (past the rotation grace period) never used: the ranking keeps the young key.
        var alice = User("alice", Key("AKIAALICEOLD00000001", 200, 40), Key("AKIAALICENEW00000001", 30, null));
        var report = LiveReport(TestData.SingleRule, alice);

        var plan = Planner.Plan(report, TestData.Tool, PlanId, includeNeedsReview: false);

        Assert.Empty(plan.Steps);
        var skip = Assert.Single(plan.Skipped);
        Assert.Equal("forgotten-key", skip.Classification);
        Assert.Equal(
            "needs review: AKIAALICEOLD00000001 worked last (used 40 d ago on 2026-10-19), more recently than the kept key "
            + "AKIAALICENEW00000001 (never used) (plan with --include-needs-review to act anyway)",
            skip.Reason);

        var forced = Planner.Plan(report, TestData.Tool, PlanId, includeNeedsReview: true);
        var step = Assert.Single(forced.Steps);
        Assert.True(step.NeedsReview);
        Assert.All(step.Reasons, r => Assert.DoesNotContain("should not affect any application", r));
    }

    [Fact]
    public void Needs_review_is_skipped_with_the_reason()
    {
        var plan = PlanSample();

        var dave = plan.Skipped.Single(s => s.User == "dave");
        Assert.Equal("111122223333", dave.AccountId);
        Assert.Equal("both-in-use", dave.Classification);
        Assert.Equal("slot:2", dave.Keep);
        Assert.Equal(["slot:1"], dave.Deactivate);
        Assert.StartsWith("needs review: more than one key is in use", dave.Reason);
        Assert.Contains("--include-needs-review", dave.Reason);

        var erin = plan.Skipped.Single(s => s.User == "erin");
        Assert.StartsWith("needs review: no active key was ever used", erin.Reason);
        Assert.DoesNotContain(plan.Steps, s => s.User is "dave" or "erin" or "mallory" or "carol");
    }

    [Fact]
    public void Include_needs_review_plans_them_and_marks_the_steps()
    {
        var plan = PlanSample(includeNeedsReview: true);

        Assert.Equal(["carol", "mallory"], plan.Skipped.Select(s => s.User));
        Assert.Equal(["bob", "dave", "erin", "ci-deployer", "svc,reporting", "judy"], plan.Steps.Select(s => s.User));
        Assert.Equal(["dave", "erin"], plan.Steps.Where(s => s.NeedsReview).Select(s => s.User));
    }

    [Fact]
    public void Step_ids_are_unique_and_sequential_from_1()
    {
        var plan = PlanSample(includeNeedsReview: true);

        Assert.Equal(Enumerable.Range(1, plan.Steps.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), plan.Steps.Select(s => s.StepId));
    }

    [Fact]
    public void Pass_findings_are_not_planned()
    {
        var plan = PlanSample(includeNeedsReview: true);
        var passing = TestData.SampleReport().Findings.Where(f => f.Status == FindingStatus.Pass).Select(f => f.Principal).ToList();

        Assert.NotEmpty(passing);
        Assert.DoesNotContain(plan.Steps, s => passing.Contains(s.User));
        Assert.DoesNotContain(plan.Skipped, s => passing.Contains(s.User));
    }

    [Fact]
    public void A_rotation_reported_as_warn_is_listed_as_skipped_and_planned_only_on_request()
    {
        var report = TestData.SampleReport(TestData.SingleRule with { TreatRotationAsWarning = true });
        Assert.Equal(FindingStatus.Warn, report.Findings.Single(f => f.Principal == "carol").Status);

        var plan = Planner.Plan(report, TestData.Tool, PlanId, includeNeedsReview: true);
        var included = Planner.Plan(report, TestData.Tool, PlanId, includeNeedsReview: false, includeRotations: true);

        Assert.DoesNotContain(plan.Steps, s => s.User is "carol" or "mallory");
        Assert.Equal(["carol", "mallory"], plan.Skipped.Select(s => s.User));
        Assert.All(plan.Skipped, s => Assert.StartsWith("rotation in progress; re-plan after ", s.Reason));
        Assert.Contains(plan.Steps, s => s.User == "bob");
        Assert.Equal("slot:1", Assert.Single(included.Steps, s => s.User == "mallory").DeactivateKey);
    }

    [Fact]
    public void A_muted_fail_is_not_planned()
    {
        var report = TestData.SampleReport();
        var muted = report with
        {
            Findings = report.Findings.Select(f => f.Principal == "bob" ? f with { Status = FindingStatus.Muted, MuteReason = "accepted" } : f).ToList(),
        };

        var plan = Planner.Plan(muted, TestData.Tool, PlanId, includeNeedsReview: true);

        Assert.DoesNotContain(plan.Steps, s => s.User == "bob");
        Assert.DoesNotContain(plan.Skipped, s => s.User == "bob");
        Assert.Contains(plan.Steps, s => s.User == "dave");
    }

    [Fact]
    public void A_root_fail_is_skipped_because_iam_principals_cannot_change_root_keys()
    {
        var root = new PrincipalKeys(PrincipalKeys.RootName, $"arn:aws:iam::{RemediationCases.Account}:root", IsRoot: true,
            [Key("AKIAROOT000000000001", 400, 200), Key("AKIAROOT000000000002", 60, 1)]);
        var report = LiveReport(TestData.SingleRule, root, Forgotten("alice"));
        Assert.Equal(FindingStatus.Fail, report.Findings.Single(f => f.IsRoot).Status);

        var plan = Planner.Plan(report, TestData.Tool, PlanId, includeNeedsReview: true);

        Assert.DoesNotContain(plan.Steps, s => s.User == PrincipalKeys.RootName);
        var skip = Assert.Single(plan.Skipped);
        Assert.Equal(PrincipalKeys.RootName, skip.User);
        Assert.StartsWith("root access keys should not exist at all", skip.Reason);
        Assert.Null(skip.Keep); // nothing to keep: both must go
        Assert.Equal(["AKIAROOT000000000001", "AKIAROOT000000000002"], skip.Deactivate);
        Assert.DoesNotContain("rotate", skip.Reason);

        var withRotations = Planner.Plan(report, TestData.Tool, PlanId, includeNeedsReview: true, includeRotations: true);
        Assert.DoesNotContain(withRotations.Steps, s => s.User == PrincipalKeys.RootName);

        // A root skip without a kept key survives the plan file's own checks.
        var path = Path.Combine(Directory.CreateTempSubdirectory("keywarden-plan-").FullName, "plan.json");
        PlanFile.Save(plan, path);
        var loaded = Assert.Single(PlanFile.Load(path).Skipped);
        Assert.Null(loaded.Keep);
        Assert.Equal(skip.Deactivate, loaded.Deactivate);
        Assert.Equal(["alice"], plan.Steps.Select(s => s.User));
    }

    [Fact]
    public void A_live_plan_names_keys_by_id_and_is_not_offline()
    {
        var report = LiveReport(TestData.SingleRule, Forgotten("alice"), Forgotten("bob"),
            User("carol", Key("AKIACAROL00000000001", 30, 1)));

        var plan = Planner.Plan(report, TestData.Tool, PlanId, includeNeedsReview: false);

        Assert.False(plan.Offline);
        Assert.Equal([new PlanAccount(RemediationCases.Account, "aws")], plan.Accounts);
        Assert.Equal(["1", "2"], plan.Steps.Select(s => s.StepId));
        var alice = plan.Steps[0];
        Assert.Equal(("alice", "AKIAALICE   OLD00001".Replace(' ', 'X'), "AKIAALICE   NEW00001".Replace(' ', 'X')), (alice.User, alice.DeactivateKey, alice.KeepKey));
        Assert.Equal(new ExpectedKey(alice.DeactivateKey, "Active", "2026-05-12T09:00:00Z"), alice.Expected.Deactivate);
        Assert.Equal(new ExpectedKey(alice.KeepKey!, "Active", "2026-11-27T09:00:00Z"), alice.Expected.Keep);
    }

    [Fact]
    public async Task A_plan_from_the_accounts_credential_report_is_for_review_only()
    {
        var inventories = await new CredentialReportFileSource(TestData.FixturePath("sample-report.csv")).ReadAsync(CancellationToken.None);
        var viaApi = inventories.Select(i => i with { Source = i.Source with { Kind = SourceKind.CredentialReport } }).ToList();
        var report = Auditor.Audit(viaApi, TestData.SingleRule, TestData.AsOf, TestData.GeneratedAt);

        var plan = Planner.Plan(report, TestData.Tool, PlanId, includeNeedsReview: false);

        Assert.True(plan.Offline);
        Assert.All(plan.Steps, s => Assert.StartsWith("slot:", s.DeactivateKey));
    }
}
