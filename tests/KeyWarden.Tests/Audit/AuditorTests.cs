using KeyWarden.Audit;
using KeyWarden.Audit.Rules.MultipleActiveKeys;
using KeyWarden.Inventory;
using static KeyWarden.Tests.Audit.AuditCases;

namespace KeyWarden.Tests.Audit;

public sealed class AuditorTests
{
    private static readonly AuditParameters Defaults = TestData.SingleRule;

    // ---- evidence -------------------------------------------------------------------------------------

    [Fact]
    public void Evidence_gives_whole_days_of_age_and_since_use()
    {
        var e = Auditor.Evidence(Key(1, Days(10.9), Days(2.5), service: "s3", region: "us-east-1"), Defaults, AsOf);

        Assert.Equal(10, e.AgeDays);
        Assert.Equal(2, e.DaysSinceLastUse);
        Assert.True(e.IsOperational);
        Assert.True(e.IsYoungerThanMaxAge);
        Assert.Equal("slot:1", e.Reference);
        Assert.Equal("s3", e.Key.LastUsedService);
    }

    [Fact]
    public void Evidence_for_a_never_used_key_without_creation_date()
    {
        var e = Auditor.Evidence(new AccessKey(null, 2, KeyStatus.Active, null, null, null, null), Defaults, AsOf);

        Assert.Null(e.AgeDays);
        Assert.Null(e.DaysSinceLastUse);
        Assert.False(e.IsOperational);
        Assert.False(e.IsYoungerThanMaxAge); // unknown age cannot count as young
    }

    [Fact]
    public void Evidence_counts_timestamps_after_the_audit_instant_as_day_0()
    {
        var e = Auditor.Evidence(Key(1, Days(-3), Days(-1)), Defaults, AsOf);

        Assert.Equal(0, e.AgeDays);
        Assert.Equal(0, e.DaysSinceLastUse);
        Assert.True(e.IsOperational);
        Assert.True(e.IsYoungerThanMaxAge);
    }

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(29.99, 0, true)]
    [InlineData(30, 0, true)] // used exactly 30 days ago: still operational
    [InlineData(30, 1, false)] // 30 days and 1 second
    [InlineData(31, 0, false)]
    public void In_use_window_boundary(double days, int seconds, bool operational)
    {
        var sinceUse = Days(days) + TimeSpan.FromSeconds(seconds);

        Assert.Equal(operational, Auditor.Evidence(Key(1, Days(40), sinceUse), Defaults, AsOf).IsOperational);
    }

    [Fact]
    public void Max_age_boundary_exactly_90_days_is_not_younger()
    {
        Assert.False(Auditor.Evidence(Key(1, Days(90), null), Defaults, AsOf).IsYoungerThanMaxAge);
        Assert.True(Auditor.Evidence(Key(1, Days(90) - TimeSpan.FromSeconds(1), null), Defaults, AsOf).IsYoungerThanMaxAge);
        Assert.Equal(89, Auditor.Evidence(Key(1, Days(90) - TimeSpan.FromSeconds(1), null), Defaults, AsOf).AgeDays);
        Assert.Equal(90, Auditor.Evidence(Key(1, Days(90), null), Defaults, AsOf).AgeDays);
    }

    [Fact]
    public void Custom_thresholds_move_the_boundaries()
    {
        var p = new AuditParameters(MaxKeyAgeDays: 30, InUseDays: 7);

        Assert.True(Auditor.Evidence(Key(1, Days(29), Days(7)), p, AsOf).IsOperational);
        Assert.True(Auditor.Evidence(Key(1, Days(29), Days(7)), p, AsOf).IsYoungerThanMaxAge);
        Assert.False(Auditor.Evidence(Key(1, Days(30), Days(8)), p, AsOf).IsOperational);
        Assert.False(Auditor.Evidence(Key(1, Days(30), Days(8)), p, AsOf).IsYoungerThanMaxAge);
    }

    // ---- findings -------------------------------------------------------------------------------------

    [Fact]
    public void A_pass_carries_the_principal_and_the_key_evidence_but_no_decision()
    {
        var principal = new PrincipalKeys("bob", "arn:aws-cn:iam::210987654321:user/bob", false,
            [Key(1, 200, 100, KeyStatus.Inactive), Key(2, 10, 1)]);
        var source = new SourceInfo("210987654321", "aws-cn", SourceKind.CredentialReportFile, AsOf);

        var f = Auditor.Evaluate(source, principal, Defaults, AsOf);

        Assert.Equal(FindingStatus.Pass, f.Status);
        Assert.Equal(MultipleActiveKeysRule.Metadata.Id, f.RuleId);
        Assert.Equal("iam-single-active-access-key", f.RuleId);
        Assert.Equal("210987654321", f.AccountId);
        Assert.Equal("aws-cn", f.Partition);
        Assert.Equal("bob", f.Principal);
        Assert.Equal("arn:aws-cn:iam::210987654321:user/bob", f.Arn);
        Assert.False(f.IsRoot);
        Assert.Null(f.Classification);
        Assert.Null(f.Decision);
        Assert.Null(f.MuteReason);
        Assert.Equal(1, f.ActiveKeyCount);
        Assert.Equal(["slot:1", "slot:2"], f.Keys.Select(k => k.Reference));
        Assert.Equal([200, 10], f.Keys.Select(k => k.AgeDays!.Value));
        Assert.Equal("1 active access key", f.Message);
    }

    [Theory]
    [InlineData(0, "no access keys")]
    [InlineData(1, "no active access keys")]
    [InlineData(2, "no active access keys")]
    public void Passes_without_an_active_key_say_why(int inactiveKeys, string message)
    {
        var keys = Enumerable.Range(1, inactiveKeys).Select(slot => Key(slot, 100, 50, KeyStatus.Inactive)).ToArray();

        var f = Evaluate(keys);

        Assert.Equal(FindingStatus.Pass, f.Status);
        Assert.Equal(0, f.ActiveKeyCount);
        Assert.Equal(message, f.Message);
    }

    [Fact]
    public void Two_active_keys_fail_with_a_one_line_message_naming_both_keys()
    {
        var f = Evaluate(Key(1, 200, 60), Key(2, 30, 1));

        Assert.Equal(FindingStatus.Fail, f.Status);
        Assert.Equal(2, f.ActiveKeyCount);
        Assert.Equal("2 active access keys (forgotten-key): keep slot:2, deactivate slot:1", f.Message);
    }

    [Fact]
    public void Needs_review_is_said_in_the_message()
    {
        var f = Evaluate(Key(1, 60, 1), Key(2, 30, 2));

        Assert.Equal("2 active access keys (both-in-use): keep slot:1, deactivate slot:2; needs review before deactivating: more than one key is in use, so deactivating may break a working application", f.Message);
    }

    [Fact]
    public void The_message_says_which_key_worked_last_when_that_is_why_review_is_needed()
    {
        var f = Evaluate(Key(1, 200, 40), Key(2, 30, null));

        Assert.Equal("2 active access keys (forgotten-key): keep slot:2, deactivate slot:1; needs review before deactivating: "
            + "slot:1 worked last (used 40 d ago on 2026-04-22), more recently than the kept key slot:2 (never used)", f.Message);
    }

    [Fact]
    public void Three_active_keys_deactivate_two()
    {
        var f = Evaluate(Key(1, 200, 100), Key(2, 50, 1), Key(3, 20, null));

        Assert.Equal(FindingStatus.Fail, f.Status);
        Assert.Equal(3, f.ActiveKeyCount);
        Assert.Equal("slot:2", f.Decision!.Keep);
        Assert.Equal(2, f.Decision.Deactivate.Count);
        Assert.Equal("3 active access keys (forgotten-key): keep slot:2, deactivate slot:3, slot:1", f.Message);
    }

    [Fact]
    public void Root_with_two_active_keys_fails_without_a_key_to_keep()
    {
        var root = new PrincipalKeys(PrincipalKeys.RootName, "arn:aws:iam::123456789012:root", true, [Key(1, 400, 200), Key(2, 300, 1)]);

        var f = Auditor.Evaluate(Source, root, Defaults, AsOf);

        Assert.Equal(FindingStatus.Fail, f.Status);
        Assert.True(f.IsRoot);
        Assert.Equal("<root_account>", f.Principal);
        // CIS wants no root access key at all: there is no keeper decision to make, and no "keep slot:N … rotate it".
        Assert.Null(f.Classification);
        Assert.Null(f.Decision);
        Assert.Equal(
            "the root user has 2 active access keys (slot:1: used 200 d ago at 2025-11-13T00:00:00Z, created 400 days ago; "
            + "slot:2: used 1 d ago at 2026-05-31T00:00:00Z, created 300 days ago). Root access keys should not exist at all "
            + "(\"no root user access key\": CIS AWS Foundations 1.4 in v1.3.0–v4.0.x, 1.3 in v5.0.0, 2.3 in v6.0.0, 2.4 in v7.0.0): "
            + "move whatever uses them to an IAM role or user, then deactivate and delete every root access key, signed in as root "
            + "(Security credentials page). KeyWarden never plans root.",
            f.Message);
    }

    [Fact]
    public void Root_with_one_active_key_passes()
    {
        var root = new PrincipalKeys(PrincipalKeys.RootName, "arn:aws:iam::123456789012:root", true, [Key(1, 400, 200)]);

        var f = Auditor.Evaluate(Source, root, Defaults, AsOf);

        Assert.Equal(FindingStatus.Pass, f.Status);
        Assert.True(f.IsRoot);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_read_error_is_an_ERROR_never_a_pass_or_a_decision(int activeKeys)
    {
        var keys = Enumerable.Range(1, activeKeys).Select(slot => Key(slot, 30 * slot, 1)).ToArray();
        var principal = new PrincipalKeys("carol", "arn:aws:iam::123456789012:user/carol", false, keys, ReadError: "AccessDenied: iam:ListAccessKeys");

        var f = Auditor.Evaluate(Source, principal, Defaults, AsOf);

        Assert.Equal(FindingStatus.Error, f.Status);
        Assert.Null(f.Classification);
        Assert.Null(f.Decision);
        Assert.Equal("could not evaluate: AccessDenied: iam:ListAccessKeys", f.Message);
        Assert.Equal(activeKeys, f.ActiveKeyCount);
    }

    [Fact]
    public void Rotation_is_a_FAIL_by_default_and_a_WARN_with_the_flag()
    {
        AccessKey[] keys = [Key(1, 200, 1), Key(2, 3, null)];

        var fail = Evaluate(keys);
        var warn = Evaluate(TestData.SingleRule with { TreatRotationAsWarning = true }, keys);

        Assert.Equal(FindingStatus.Fail, fail.Status);
        Assert.Equal(FindingStatus.Warn, warn.Status);
        Assert.Equal(Classification.RotationInProgress, warn.Classification);
        Assert.Equal(fail.Decision!.Keep, warn.Decision!.Keep);
        Assert.Contains("rotation-in-progress", warn.Message);
    }

    [Fact]
    public void The_audit_instant_decides_not_today()
    {
        var key1 = new AccessKey(null, 1, KeyStatus.Active, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2020, 3, 1, 0, 0, 0, TimeSpan.Zero), null, null);
        var key2 = new AccessKey(null, 2, KeyStatus.Active, new DateTimeOffset(2020, 2, 27, 0, 0, 0, TimeSpan.Zero), null, null, null);

        var then = Auditor.Evaluate(Source, User(key1, key2), Defaults, new DateTimeOffset(2020, 3, 2, 0, 0, 0, TimeSpan.Zero));
        var later = Auditor.Evaluate(Source, User(key1, key2), Defaults, new DateTimeOffset(2020, 4, 15, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(Classification.RotationInProgress, then.Classification);
        Assert.Equal("slot:2", then.Decision!.Keep); // a rotation's decision keeps the new key
        Assert.Equal("rotation in progress; re-plan after 2020-03-05T00:00:00Z", then.Decision.ReviewReason);
        Assert.Equal(Classification.ForgottenKey, later.Classification);
        Assert.Equal("slot:2", later.Decision!.Keep); // nothing in use any more: the key younger than 90 days
        Assert.Equal(61, then.Keys[0].AgeDays);
    }

    // ---- whole audit ----------------------------------------------------------------------------------

    [Fact]
    public void Audit_evaluates_every_principal_of_every_inventory_and_counts_them()
    {
        var generatedAt = AsOf.AddMinutes(5);
        var source2 = new SourceInfo("999999999999", "aws-us-gov", SourceKind.CredentialReportFile, AsOf);
        var rotation = TestData.SingleRule with { TreatRotationAsWarning = true };
        List<AccountInventory> inventories =
        [
            new(Source,
            [
                new("<root_account>", "arn:aws:iam::123456789012:root", true, []),
                new("a", null, false, [Key(1, 10, 1)]),
                new("b", null, false, [Key(1, 200, 1), Key(2, 3, null)]),
                new("c", null, false, [Key(1, 60, 1), Key(2, 30, 2)]),
            ]),
            new(source2,
            [
                new("d", null, false, [Key(1, 60, 1)], ReadError: "throttled"),
                new("e", null, false, [Key(1, 60, null), Key(2, 30, null)]),
            ]),
        ];

        var report = Auditor.Audit(inventories, rotation, AsOf, generatedAt);

        Assert.Equal(AsOf, report.AsOf);
        Assert.Equal(generatedAt, report.GeneratedAt);
        Assert.Same(rotation, report.Parameters);
        Assert.Equal([Source, source2], report.Sources);
        Assert.Equal(["<root_account>", "a", "b", "c", "d", "e"], report.Findings.Select(f => f.Principal));
        Assert.Equal(
            [FindingStatus.Pass, FindingStatus.Pass, FindingStatus.Warn, FindingStatus.Fail, FindingStatus.Error, FindingStatus.Fail],
            report.Findings.Select(f => f.Status));
        Assert.Equal(["123456789012", "123456789012", "123456789012", "123456789012", "999999999999", "999999999999"], report.Findings.Select(f => f.AccountId!));
        Assert.Equal("aws-us-gov", report.Findings[^1].Partition);
        Assert.Equal(new AuditSummary(Principals: 6, Pass: 2, Fail: 2, Warn: 1, Error: 1, Muted: 0), report.Summary);
        Assert.False(report.HasSourceErrors);
    }

    [Fact]
    public void Audit_of_no_inventories_is_empty()
    {
        var report = Auditor.Audit([], Defaults, AsOf, AsOf);

        Assert.Empty(report.Findings);
        Assert.Equal(new AuditSummary(0, 0, 0, 0, 0, 0), report.Summary);
    }

    [Fact]
    public void Parsed_report_audited_end_to_end()
    {
        var csv = Inventory.CredentialReportCsv.Report(
            Inventory.CredentialReportCsv.Root(cells: [.. Inventory.CredentialReportCsv.Key(1, "TRUE", "2025-01-01T00:00:00Z", "2026-05-20T00:00:00Z"), .. Inventory.CredentialReportCsv.Key(2, "True", "2026-05-29T00:00:00Z", "2026-05-31T00:00:00Z")]),
            Inventory.CredentialReportCsv.User("svc,app", cells: [.. Inventory.CredentialReportCsv.Key(1, "true", "2026-05-30T00:00:00+00:00"), .. Inventory.CredentialReportCsv.Key(2, "false", "2025-01-01T00:00:00+00:00", "2026-05-31T12:00:00+00:00")]));
        var parsed = CredentialReportParser.Parse(csv, "r.csv");
        var source = new SourceInfo(parsed.AccountId, parsed.Partition, SourceKind.CredentialReportFile, parsed.NewestTimestamp);

        var report = Auditor.Audit([new AccountInventory(source, parsed.Principals)], Defaults, AsOf, AsOf);

        var root = report.Findings[0];
        Assert.True(root.IsRoot);
        Assert.Equal(FindingStatus.Fail, root.Status);
        Assert.Null(root.Decision); // root keys should not exist at all: nothing to keep
        Assert.Contains("Root access keys should not exist at all", root.Message);
        Assert.Equal(FindingStatus.Pass, report.Findings[1].Status);
        Assert.Equal("svc,app", report.Findings[1].Principal);
        Assert.Equal("123456789012", report.Findings[1].AccountId);
    }
}
