using KeyWarden.Audit;
using KeyWarden.Audit.Rules.MultipleActiveKeys;
using KeyWarden.Inventory;
using static KeyWarden.Tests.Audit.AuditCases;

namespace KeyWarden.Tests.Audit;

public sealed class KeeperSelectorTests
{
    private static readonly AuditParameters Defaults = new();

    private const KeyStatus Inactive = KeyStatus.Inactive;
    private const FindingStatus Pass = FindingStatus.Pass;
    private const FindingStatus Fail = FindingStatus.Fail;
    private const FindingStatus Warn = FindingStatus.Warn;

    /// <summary>One row of the decision table. Ages and last uses are in days before <see cref="AuditCases.AsOf"/>.</summary>
    public sealed record Case(
        AccessKey[] Keys,
        FindingStatus Status,
        Classification? Classification = null,
        string? Keep = null,
        string[]? Deactivate = null,
        bool RotateKeeper = false,
        bool NeedsReview = false,
        AuditParameters? Parameters = null);

    private static readonly Dictionary<string, Case> Table = new()
    {
        // ---- PASS: fewer than two active keys
        ["0 keys"] = new([], Pass),
        ["0 active (1 inactive)"] = new([Key(1, 10, 1, Inactive)], Pass),
        ["0 active (2 inactive)"] = new([Key(1, 10, 1, Inactive), Key(2, 5, 1, Inactive)], Pass),
        ["1 active"] = new([Key(1, 400, 1)], Pass),
        ["1 active never used"] = new([Key(1, 400, null)], Pass),
        ["1 active + 1 inactive"] = new([Key(1, 200, 100, Inactive), Key(2, 10, 1)], Pass),
        ["1 inactive in use + 1 active"] = new([Key(1, 10, 0.1, Inactive), Key(2, 10, 0.1)], Pass),

        // ---- no-usage-evidence: the newest is kept, review needed
        ["never used, both young"] = new([Key(1, 60, null), Key(2, 20, null)], Fail,
            Classification.NoUsageEvidence, "slot:2", ["slot:1"], RotateKeeper: false, NeedsReview: true),
        ["never used, newest in slot 1"] = new([Key(1, 20, null), Key(2, 60, null)], Fail,
            Classification.NoUsageEvidence, "slot:1", ["slot:2"], false, true),
        ["never used, both old"] = new([Key(1, 300, null), Key(2, 150, null)], Fail,
            Classification.NoUsageEvidence, "slot:2", ["slot:1"], RotateKeeper: true, NeedsReview: true),
        ["never used, newest just created (no rotation without use)"] = new([Key(1, 300, null), Key(2, 1, null)], Fail,
            Classification.NoUsageEvidence, "slot:2", ["slot:1"], false, true),

        // ---- both-in-use
        ["both used recently"] = new([Key(1, 60, 1), Key(2, 30, 2)], Fail,
            Classification.BothInUse, "slot:1", ["slot:2"], RotateKeeper: false, NeedsReview: true),
        ["both used recently, slot 2 more recently"] = new([Key(1, 30, 2), Key(2, 60, 1)], Fail,
            Classification.BothInUse, "slot:2", ["slot:1"], false, true),
        ["both in use, only one younger than 90 days"] = new([Key(1, 200, 0.5), Key(2, 40, 10)], Fail,
            Classification.BothInUse, "slot:2", ["slot:1"], false, true),
        ["both in use, both older than 90 days"] = new([Key(1, 200, 1), Key(2, 120, 3)], Fail,
            Classification.BothInUse, "slot:1", ["slot:2"], RotateKeeper: true, NeedsReview: true),

        // ---- forgotten-key
        ["both older than 90 days, one operational"] = new([Key(1, 200, 40), Key(2, 100, 2)], Fail,
            Classification.ForgottenKey, "slot:2", ["slot:1"], RotateKeeper: true, NeedsReview: false),
        ["operational key kept even though older"] = new([Key(1, 300, 1), Key(2, 20, 60)], Fail,
            Classification.ForgottenKey, "slot:1", ["slot:2"], RotateKeeper: true, NeedsReview: false),
        ["second key never used, past the grace period"] = new([Key(1, 60, 1), Key(2, 30, null)], Fail,
            Classification.ForgottenKey, "slot:1", ["slot:2"], false, false),
        ["neither operational, keep most recently used"] = new([Key(1, 200, 100), Key(2, 150, 45)], Fail,
            Classification.ForgottenKey, "slot:2", ["slot:1"], RotateKeeper: true, NeedsReview: false),
        ["neither operational, most recently used beats newest"] = new([Key(1, 80, 35), Key(2, 60, 50)], Fail,
            Classification.ForgottenKey, "slot:1", ["slot:2"], false, false),
        // The ranking keeps the key younger than 90 days, but the key it deactivates worked more recently: a person decides.
        ["neither operational, younger than 90 beats more recent use: review"] = new([Key(1, 120, 40), Key(2, 60, 50)], Fail,
            Classification.ForgottenKey, "slot:2", ["slot:1"], false, NeedsReview: true),
        ["neither operational, young never-used beats old used: review"] = new([Key(1, 120, 40), Key(2, 20, null)], Fail,
            Classification.ForgottenKey, "slot:2", ["slot:1"], false, NeedsReview: true),
        ["old key used 40 days ago, new key never used: review"] = new([Key(1, 200, 40), Key(2, 30, null)], Fail,
            Classification.ForgottenKey, "slot:2", ["slot:1"], RotateKeeper: false, NeedsReview: true),
        ["neither operational, kept key used more recently: no review"] = new([Key(1, 120, 60), Key(2, 60, 50)], Fail,
            Classification.ForgottenKey, "slot:2", ["slot:1"], false, false),
        ["neither operational, deactivated key never used: no review"] = new([Key(1, 120, null), Key(2, 60, 50)], Fail,
            Classification.ForgottenKey, "slot:2", ["slot:1"], false, false),
        ["neither operational, used beats never used"] = new([Key(1, 50, null), Key(2, 60, 40)], Fail,
            Classification.ForgottenKey, "slot:2", ["slot:1"], false, false),

        // ---- rotation-in-progress: the decision completes the rotation (keeps the NEW key) and always needs a person
        ["rotation, new key not used yet"] = new([Key(1, 200, 1), Key(2, 3, null)], Fail,
            Classification.RotationInProgress, "slot:2", ["slot:1"], RotateKeeper: false, NeedsReview: true),
        ["rotation, new key already used (beats both-in-use)"] = new([Key(1, 200, 1), Key(2, 3, 0.5)], Fail,
            Classification.RotationInProgress, "slot:2", ["slot:1"], RotateKeeper: false, NeedsReview: true),
        ["rotation, new key in slot 1"] = new([Key(1, 2, 1), Key(2, 100, 0.2)], Fail,
            Classification.RotationInProgress, "slot:1", ["slot:2"], false, true),
        ["rotation, old key young too, new key used"] = new([Key(1, 60, 0.1), Key(2, 3, 0.5)], Fail,
            Classification.RotationInProgress, "slot:2", ["slot:1"], false, true),
        ["no rotation when the old key is not operational"] = new([Key(1, 200, 40), Key(2, 3, 1)], Fail,
            Classification.ForgottenKey, "slot:2", ["slot:1"], false, false),
        ["rotation as warning"] = new([Key(1, 200, 1), Key(2, 3, null)], Warn,
            Classification.RotationInProgress, "slot:2", ["slot:1"], false, true, new AuditParameters(TreatRotationAsWarning: true)),
        ["rotation as warning, new key used"] = new([Key(1, 200, 1), Key(2, 3, 0.5)], Warn,
            Classification.RotationInProgress, "slot:2", ["slot:1"], false, true, new AuditParameters(TreatRotationAsWarning: true)),
        ["warning flag leaves both-in-use a FAIL"] = new([Key(1, 60, 1), Key(2, 30, 2)], Fail,
            Classification.BothInUse, "slot:1", ["slot:2"], false, true, new AuditParameters(TreatRotationAsWarning: true)),
        ["warning flag leaves forgotten-key a FAIL"] = new([Key(1, 60, 1), Key(2, 30, null)], Fail,
            Classification.ForgottenKey, "slot:1", ["slot:2"], false, false, new AuditParameters(TreatRotationAsWarning: true)),
        ["warning flag leaves no-usage-evidence a FAIL"] = new([Key(1, 60, null), Key(2, 3, null)], Fail,
            Classification.NoUsageEvidence, "slot:2", ["slot:1"], false, true, new AuditParameters(TreatRotationAsWarning: true)),
        ["grace 0 disables rotation detection"] = new([Key(1, 200, 1), Key(2, 0.5, null)], Fail,
            Classification.ForgottenKey, "slot:1", ["slot:2"], true, false, new AuditParameters(RotationGraceDays: 0)),
        ["grace 0, new key used: both in use"] = new([Key(1, 200, 1), Key(2, 0.5, 0.1)], Fail,
            Classification.BothInUse, "slot:2", ["slot:1"], false, true, new AuditParameters(RotationGraceDays: 0)),
        ["grace 14 sees a 10-day-old key as a rotation"] = new([Key(1, 200, 1), Key(2, 10, null)], Fail,
            Classification.RotationInProgress, "slot:2", ["slot:1"], false, true, new AuditParameters(RotationGraceDays: 14)),

        // ---- custom thresholds
        ["in-use 30: both operational"] = new([Key(1, 60, 10), Key(2, 50, 20)], Fail,
            Classification.BothInUse, "slot:1", ["slot:2"], false, true),
        ["in-use 7: neither operational"] = new([Key(1, 60, 10), Key(2, 50, 20)], Fail,
            Classification.ForgottenKey, "slot:1", ["slot:2"], false, false, new AuditParameters(InUseDays: 7)),
        ["in-use 15: only slot 1 operational"] = new([Key(1, 200, 10), Key(2, 50, 20)], Fail,
            Classification.ForgottenKey, "slot:1", ["slot:2"], true, false, new AuditParameters(InUseDays: 15)),
        ["max age 90: both young, most recent use wins"] = new([Key(1, 40, 35), Key(2, 25, 60)], Fail,
            Classification.ForgottenKey, "slot:1", ["slot:2"], false, false),
        ["max age 30: only slot 2 young, slot 1 worked last: review"] = new([Key(1, 40, 35), Key(2, 25, 60)], Fail,
            Classification.ForgottenKey, "slot:2", ["slot:1"], false, true, new AuditParameters(MaxKeyAgeDays: 30)),
        ["max age 30: keeper older than 30 must be rotated"] = new([Key(1, 40, 1), Key(2, 35, 60)], Fail,
            Classification.ForgottenKey, "slot:1", ["slot:2"], RotateKeeper: true, NeedsReview: false, new AuditParameters(MaxKeyAgeDays: 30)),

        // ---- more than two active keys (seen in the wild; never assume two)
        ["three active keys"] = new([Key(1, 200, 100), Key(2, 50, 1), Key(3, 20, null)], Fail,
            Classification.ForgottenKey, "slot:2", ["slot:3", "slot:1"], false, false),
        ["three active keys, two in use"] = new([Key(1, 200, 2), Key(2, 50, 1), Key(3, 20, null)], Fail,
            Classification.BothInUse, "slot:2", ["slot:1", "slot:3"], false, true),
        ["three active keys, newest just created"] = new([Key(1, 200, 100), Key(2, 50, 1), Key(3, 2, null)], Fail,
            Classification.RotationInProgress, "slot:3", ["slot:2", "slot:1"], false, true),
        ["three active + one inactive"] = new([Key(1, 200, 100), Key(2, 50, 1), Key(3, 20, null), Key(4, 5, 0.1, Inactive)], Fail,
            Classification.ForgottenKey, "slot:2", ["slot:3", "slot:1"], false, false),

        // ---- ties resolve by reference
        ["identical keys never used"] = new([Key(1, 30, null), Key(2, 30, null)], Fail,
            Classification.NoUsageEvidence, "slot:1", ["slot:2"], false, true),
        ["identical keys never used, reversed input"] = new([Key(2, 30, null), Key(1, 30, null)], Fail,
            Classification.NoUsageEvidence, "slot:1", ["slot:2"], false, true),
        ["identical keys in use"] = new([Key(2, 30, 1), Key(1, 30, 1)], Fail,
            Classification.BothInUse, "slot:1", ["slot:2"], false, true),
        ["identical keys not used lately"] = new([Key(2, 100, 50), Key(1, 100, 50)], Fail,
            Classification.ForgottenKey, "slot:1", ["slot:2"], true, false),
        ["identical keys created 2 days ago and in use: no rotation"] = new([Key(2, 2, 1), Key(1, 2, 1)], Fail,
            Classification.BothInUse, "slot:1", ["slot:2"], false, true),
        ["same last use, newer kept"] = new([Key(1, 60, 40), Key(2, 50, 40)], Fail,
            Classification.ForgottenKey, "slot:2", ["slot:1"], false, false),
        ["unknown creation date ranks after a known one"] = new([Key(1, 10, null) with { CreatedAt = null }, Key(2, 80, null)], Fail,
            Classification.NoUsageEvidence, "slot:2", ["slot:1"], false, true),

        // ---- boundaries
        ["used exactly 30 days ago is operational"] = new([Key(1, Days(120), Days(30)), Key(2, Days(20), Days(31))], Fail,
            Classification.ForgottenKey, "slot:1", ["slot:2"], RotateKeeper: true, NeedsReview: false),
        ["used 30 days and 1 second ago is not (and worked last: review)"] = new([Key(1, Days(120), Days(30) + TimeSpan.FromSeconds(1)), Key(2, Days(20), Days(31))], Fail,
            Classification.ForgottenKey, "slot:2", ["slot:1"], RotateKeeper: false, NeedsReview: true),
        ["exactly 90 days old is not younger than 90"] = new([Key(1, Days(90), Days(50)), Key(2, Days(100), Days(40))], Fail,
            Classification.ForgottenKey, "slot:2", ["slot:1"], RotateKeeper: true, NeedsReview: false),
        ["90 days minus 1 second is younger than 90 (the other worked last: review)"] = new([Key(1, Days(90) - TimeSpan.FromSeconds(1), Days(50)), Key(2, Days(100), Days(40))], Fail,
            Classification.ForgottenKey, "slot:1", ["slot:2"], RotateKeeper: false, NeedsReview: true),
        ["new key exactly 7 days old is past the grace period"] = new([Key(1, Days(200), Days(1)), Key(2, Days(7), null)], Fail,
            Classification.ForgottenKey, "slot:1", ["slot:2"], true, false),
        ["new key 7 days minus 1 second old is a rotation"] = new([Key(1, Days(200), Days(1)), Key(2, Days(7) - TimeSpan.FromSeconds(1), null)], Fail,
            Classification.RotationInProgress, "slot:2", ["slot:1"], false, true),
        ["in-use 7: used exactly 7 days ago is operational"] = new([Key(1, Days(60), Days(7)), Key(2, Days(50), Days(7) + TimeSpan.FromSeconds(1))], Fail,
            Classification.ForgottenKey, "slot:1", ["slot:2"], false, false, new AuditParameters(InUseDays: 7)),
        ["max age 30: exactly 30 days old must be rotated"] = new([Key(1, Days(30), Days(1)), Key(2, Days(20), Days(45))], Fail,
            Classification.ForgottenKey, "slot:1", ["slot:2"], true, false, new AuditParameters(MaxKeyAgeDays: 30)),
        ["dates after the audit instant count as now"] = new([Key(1, Days(-1), Days(-1)), Key(2, Days(100), Days(5))], Fail,
            Classification.RotationInProgress, "slot:1", ["slot:2"], RotateKeeper: false, NeedsReview: true),
    };

    public static TheoryData<string> CaseNames() => new(Table.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Decision_table(string name)
    {
        var c = Table[name];
        var finding = Evaluate(c.Parameters ?? Defaults, c.Keys);

        Assert.Equal(c.Status, finding.Status);
        Assert.Equal(c.Classification, finding.Classification);
        Assert.Equal(c.Keys.Count(k => k.IsActive), finding.ActiveKeyCount);
        Assert.Equal(c.Keys.Length, finding.Keys.Count);
        if (c.Keep is null)
        {
            Assert.Null(finding.Decision);
            return;
        }

        var decision = Assert.IsType<KeepDecision>(finding.Decision);
        Assert.Equal(c.Keep, decision.Keep);
        Assert.Equal(c.Deactivate!, decision.Deactivate);
        Assert.Equal(c.RotateKeeper, decision.RotateKeeper);
        Assert.Equal(c.NeedsReview, decision.NeedsReview);

        // Every decision explains itself: the kept key first, then each deactivated key, then advice.
        Assert.Equal(c.Deactivate!.Length + 2, decision.Reasons.Count);
        Assert.StartsWith($"Keep {c.Keep}: ", decision.Reasons[0]);
        for (var i = 0; i < c.Deactivate.Length; i++)
        {
            Assert.StartsWith($"Deactivate {c.Deactivate[i]}: ", decision.Reasons[i + 1]);
        }

        Assert.Contains(c.Keep, finding.Message);
        Assert.All(c.Deactivate, d => Assert.Contains(d, finding.Message));
        Assert.Contains(c.Classification!.Value.ToContractName(), finding.Message);
        Assert.Equal(c.NeedsReview, finding.Message.Contains("needs review", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Decide_agrees_with_Evaluate_and_ignores_input_order(string name)
    {
        var c = Table[name];
        if (c.Keep is null)
        {
            return;
        }

        var parameters = c.Parameters ?? Defaults;
        var active = c.Keys.Where(k => k.IsActive).Select(k => Auditor.Evidence(k, parameters, AsOf)).ToList();

        var (decision, classification) = KeeperSelector.Decide(active, parameters);
        var (reversed, reversedClassification) = KeeperSelector.Decide(Enumerable.Reverse(active).ToList(), parameters);

        Assert.Equal(c.Classification, classification);
        Assert.Equal(c.Keep, decision.Keep);
        Assert.Equal(c.Deactivate!, decision.Deactivate);
        Assert.Equal(classification, reversedClassification);
        Assert.Equal(decision.Keep, reversed.Keep);
        Assert.Equal(decision.Deactivate, reversed.Deactivate);
        Assert.Equal(decision.Reasons, reversed.Reasons);
    }

    [Fact]
    public void Decide_needs_two_active_keys()
    {
        var one = new[] { Auditor.Evidence(Key(1, 10, 1), Defaults, AsOf) };

        Assert.Throws<ArgumentException>(() => KeeperSelector.Decide(one, Defaults));
        Assert.Throws<ArgumentException>(() => KeeperSelector.Decide([], Defaults));
    }

    [Fact]
    public void Ties_between_key_ids_resolve_by_ordinal_id_whatever_the_order()
    {
        var b = Key(1, 30, 1) with { Id = "AKIAB00000000000000B" };
        var a = Key(2, 30, 1) with { Id = "AKIAA00000000000000A" };

        var first = Evaluate(b, a).Decision!;
        var second = Evaluate(a, b).Decision!;

        Assert.Equal("AKIAA00000000000000A", first.Keep);
        Assert.Equal(["AKIAB00000000000000B"], first.Deactivate);
        Assert.Equal(first.Keep, second.Keep);
        Assert.Equal(first.Deactivate, second.Deactivate);
        Assert.Equal(first.Reasons, second.Reasons);
    }

    [Fact]
    public void Keys_are_named_by_id_when_known()
    {
        var old = Key(1, 200, 60) with { Id = "AKIAOLD" };
        var current = Key(2, 30, 1) with { Id = "AKIANEW" };

        var finding = Evaluate(old, current);

        Assert.Equal("AKIANEW", finding.Decision!.Keep);
        Assert.Equal(["AKIAOLD"], finding.Decision.Deactivate);
        Assert.StartsWith("Keep AKIANEW: ", finding.Decision.Reasons[0]);
        Assert.StartsWith("Deactivate AKIAOLD: ", finding.Decision.Reasons[1]);
        Assert.DoesNotContain("slot:", finding.Message);
    }

    // ---- reasons in plain words ------------------------------------------------------------------------

    private static KeepDecision Decision(AuditParameters parameters, params AccessKey[] keys) => Evaluate(parameters, keys).Decision!;

    private static KeepDecision Decision(params AccessKey[] keys) => Decision(Defaults, keys);

    [Fact]
    public void Reasons_for_a_forgotten_key_describe_use_age_and_advice()
    {
        var d = Decision(
            Key(1, Days(300), Days(2), service: "s3", region: "us-east-1"),
            Key(2, Days(20), Days(60), service: "ec2", region: "eu-west-1"));

        Assert.Equal(
        [
            "Keep slot:1: in use: used 2 d ago (s3, us-east-1), within the 30-day in-use window; created 300 days ago, not younger than 90 days: rotate it once the other keys are deactivated.",
            "Deactivate slot:2: not used within 30 days (used 60 d ago (ec2, eu-west-1)); created 20 days ago.",
            "The key(s) to deactivate are not in use: deactivating them should not affect any application.",
        ], d.Reasons);
    }

    [Fact]
    public void Reasons_for_never_used_keys_say_so()
    {
        var d = Decision(Key(1, 60, null), Key(2, 1, null));

        Assert.Equal("Keep slot:2: no active key shows use, so the newest is kept; created 1 day ago, younger than 90 days.", d.Reasons[0]);
        Assert.Equal("Deactivate slot:1: never used; created 60 days ago.", d.Reasons[1]);
        Assert.Contains("No active key has ever been used", d.Reasons[2]);
    }

    [Fact]
    public void Reasons_for_both_in_use_warn_about_the_deactivated_key_still_in_use()
    {
        var d = Decision(Key(1, 60, 0.2), Key(2, 30, 1));

        Assert.StartsWith("Keep slot:1: in use: used today", d.Reasons[0]);
        Assert.StartsWith("Deactivate slot:2: still in use (used 1 d ago): find what uses it before deactivating", d.Reasons[1]);
        Assert.Equal("More than one key is in use: move the application using slot:2 to slot:1 before deactivating.", d.Reasons[2]);
    }

    [Fact]
    public void Reasons_for_a_rotation_mention_the_grace_period()
    {
        var d = Decision(new AuditParameters(RotationGraceDays: 10), Key(1, 200, 1), Key(2, 8, 0.5));

        Assert.Contains("younger than 10 days", d.Reasons[^1]);
        Assert.Contains("rotation", d.Reasons[^1]);
    }

    [Fact]
    public void Reasons_use_the_configured_thresholds()
    {
        var d = Decision(new AuditParameters(MaxKeyAgeDays: 45, InUseDays: 14), Key(1, 50, 3), Key(2, 40, 20));

        Assert.Contains("within the 14-day in-use window", d.Reasons[0]);
        Assert.Contains("not younger than 45 days", d.Reasons[0]);
        Assert.Contains("not used within 14 days", d.Reasons[1]);
    }

    [Fact]
    public void Reasons_for_three_keys_name_each_deactivated_key()
    {
        var d = Decision(Key(1, 200, 100), Key(2, 50, 1), Key(3, 20, null));

        Assert.Equal(4, d.Reasons.Count);
        Assert.StartsWith("Keep slot:2: ", d.Reasons[0]);
        Assert.StartsWith("Deactivate slot:3: never used", d.Reasons[1]);
        Assert.StartsWith("Deactivate slot:1: not used within 30 days (used 100 d ago)", d.Reasons[2]);
    }

    [Fact]
    public void A_never_used_keeper_is_not_described_as_the_only_evidence_when_another_key_was_used()
    {
        // Younger than the maximum age ranks before last use: the never-used young key is kept over a key used 40 days ago.
        var d = Decision(Key(1, 120, 40), Key(2, 20, null));

        Assert.Equal("slot:2", d.Keep);
        Assert.DoesNotContain("no active key shows use", d.Reasons[0]);
        Assert.Contains("younger than 90 days", d.Reasons[0]);
        Assert.Contains("another key was used more recently", d.Reasons[0]);
    }

    [Fact]
    public void A_keeper_used_less_recently_is_not_called_the_most_recently_used()
    {
        var d = Decision(Key(1, 120, 40), Key(2, 60, 50));

        Assert.Equal("slot:2", d.Keep);
        Assert.DoesNotContain("the most recently used key", d.Reasons[0]);
        Assert.Contains("used 50 d ago", d.Reasons[0]);
        Assert.Contains("another key was used more recently", d.Reasons[0]);
    }

    [Fact]
    public void The_most_recently_used_keeper_says_so()
    {
        var d = Decision(Key(1, 200, 100), Key(2, 150, 45));

        Assert.StartsWith("Keep slot:2: the most recently used key (used 45 d ago); created 150 days ago, not younger than 90 days", d.Reasons[0]);
    }

    // ---- decisions that need a person -------------------------------------------------------------------

    [Fact]
    public void The_key_that_worked_last_is_not_deactivated_without_review_and_the_reason_says_when_it_worked()
    {
        // Old key used 40 days ago, new key never used: the ranking keeps the young key, so a person must decide.
        var d = Decision(Key(1, 200, 40), Key(2, 30, null));

        Assert.Equal("slot:2", d.Keep);
        Assert.Equal(["slot:1"], d.Deactivate);
        Assert.True(d.NeedsReview);
        Assert.Equal("slot:1 worked last (used 40 d ago on 2026-04-22), more recently than the kept key slot:2 (never used)", d.ReviewReason);
        Assert.StartsWith("Needs review: slot:1 worked last (used 40 d ago on 2026-04-22), more recently than the kept key slot:2 (never used)", d.Reasons[^1]);
        Assert.All(d.Reasons, r => Assert.DoesNotContain("should not affect any application", r));
    }

    [Fact]
    public void The_review_reason_gives_the_kept_keys_last_use_too()
    {
        var d = Decision(Key(1, 120, 40), Key(2, 60, 50));

        Assert.Equal("slot:1 worked last (used 40 d ago on 2026-04-22), more recently than the kept key slot:2 (used 50 d ago on 2026-04-12)", d.ReviewReason);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void No_advice_calls_harmless_the_deactivation_of_a_key_used_more_recently_than_the_kept_one(string name)
    {
        var c = Table[name];
        var finding = Evaluate(c.Parameters ?? Defaults, c.Keys);
        if (finding.Decision is not { } d)
        {
            return;
        }

        var keep = finding.Keys.Single(k => k.Reference == d.Keep);
        var workedLaterThanKeeper = finding.Keys.Where(k => d.Deactivate.Contains(k.Reference))
            .Any(k => k.Key.LastUsedAt is { } used && (keep.Key.LastUsedAt is not { } kept || used > kept));
        if (workedLaterThanKeeper)
        {
            Assert.True(d.NeedsReview);
            Assert.All(d.Reasons, r => Assert.DoesNotContain("should not affect any application", r));
        }

        Assert.Equal(d.NeedsReview, d.ReviewReason is not null);
    }

    [Fact]
    public void A_rotation_keeps_the_new_key_and_says_when_to_re_plan()
    {
        var d = Decision(Key(1, 200, 1), Key(2, 3, null));

        Assert.Equal("slot:2", d.Keep);
        Assert.Equal(["slot:1"], d.Deactivate);
        Assert.True(d.NeedsReview);
        Assert.False(d.RotateKeeper);
        Assert.Equal(new DateTimeOffset(2026, 6, 5, 0, 0, 0, TimeSpan.Zero), d.RotationGraceEndsAt);
        Assert.Equal("rotation in progress; re-plan after 2026-06-05T00:00:00Z", d.ReviewReason);
        Assert.StartsWith("Keep slot:2: the new key of a rotation in progress, not in use yet", d.Reasons[0]);
        Assert.StartsWith("Deactivate slot:1: the key being rotated out, still in use (used 1 d ago): move every application to slot:2 first", d.Reasons[1]);
        Assert.StartsWith("Rotation in progress; re-plan after 2026-06-05T00:00:00Z: slot:2 is younger than 7 days while slot:1 is still in use", d.Reasons[2]);
        Assert.Contains("only once slot:2 itself is in use", d.Reasons[2]);
    }

    [Fact]
    public void A_rotation_whose_new_key_is_in_use_says_it_can_be_completed()
    {
        var d = Decision(new AuditParameters(RotationGraceDays: 10), Key(1, 200, 1), Key(2, 8, 0.5));

        Assert.Equal("slot:2", d.Keep);
        Assert.Equal("rotation in progress; re-plan after 2026-06-03T00:00:00Z", d.ReviewReason);
        Assert.Contains("slot:2 is already in use", d.Reasons[^1]);
        Assert.Contains("plan --include-rotations", d.Reasons[^1]);
    }

    [Fact]
    public void Root_with_two_active_keys_has_no_keeper_and_says_root_keys_should_not_exist()
    {
        var root = new PrincipalKeys(PrincipalKeys.RootName, "arn:aws:iam::123456789012:root", true,
            [Key(1, Days(400), Days(2), service: "s3", region: "us-east-1"), Key(2, 30, null)]);
        var finding = Auditor.Evaluate(Source, root, Defaults, AsOf);

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Null(finding.Decision);
        Assert.Contains("Root access keys should not exist at all", finding.Message);
        Assert.Contains("no root user access key", finding.Message);
        Assert.Contains("1.4 in v1.3.0", finding.Message);
        Assert.Contains("2.4 in v7.0.0", finding.Message);
        Assert.Contains("slot:1: used 2 d ago (s3, us-east-1) at 2026-05-30T00:00:00Z", finding.Message);
        Assert.Contains("slot:2: never used, created 30 days ago", finding.Message);
        Assert.DoesNotContain("keep", finding.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("rotate", finding.Message, StringComparison.OrdinalIgnoreCase);
    }
}
