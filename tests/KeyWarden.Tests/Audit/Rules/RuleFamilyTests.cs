using KeyWarden.Audit;
using KeyWarden.Audit.Rules;
using KeyWarden.Audit.Rules.AccessKeyRotation;
using KeyWarden.Audit.Rules.AccessKeyUnused;
using KeyWarden.Audit.Rules.MultipleActiveKeys;
using KeyWarden.Audit.Rules.RootAccessKey;
using KeyWarden.Inventory;

namespace KeyWarden.Tests.Audit.Rules;

/// <summary>The rules besides the single-active-key one: their decision tables, the registry and the benchmark filter.</summary>
public sealed class RuleFamilyTests
{
    private static readonly DateTimeOffset AsOf = TestData.AsOf;
    private static readonly SourceInfo Source = new("111122223333", "aws", SourceKind.CredentialReportFile, AsOf);
    private static readonly RuleContext Context = new(new AuditParameters(), AsOf);

    private static AccessKey Key(int slot, bool active, int? createdDaysAgo, int? usedDaysAgo) =>
        new(null, slot, active ? KeyStatus.Active : KeyStatus.Inactive,
            createdDaysAgo is { } c ? AsOf.AddDays(-c) : null, usedDaysAgo is { } u ? AsOf.AddDays(-u) : null, usedDaysAgo is null ? null : "s3", null)
        { LastUsedSource = LastUseSource.CredentialReport };

    private static List<Finding> Run(IRule rule, params PrincipalKeys[] principals) =>
        rule.Evaluate(new AccountInventory(Source, principals), Context).ToList();

    private static PrincipalKeys User(string name, params AccessKey[] keys) => new(name, $"arn:aws:iam::111122223333:user/{name}", false, keys);

    private static PrincipalKeys Root(params AccessKey[] keys) => new(PrincipalKeys.RootName, "arn:aws:iam::111122223333:root", true, keys);

    [Theory]
    [InlineData(10, 0, FindingStatus.Pass)]         // used today
    [InlineData(100, 44, FindingStatus.Pass)]
    [InlineData(100, 45, FindingStatus.Fail)]       // exactly 45 days: "45 days or more"
    [InlineData(100, 46, FindingStatus.Fail)]
    [InlineData(44, null, FindingStatus.Pass)]      // never used, younger than 45 days
    [InlineData(45, null, FindingStatus.Fail)]      // never used, counted from creation (Prowler skips these)
    [InlineData(null, null, FindingStatus.Error)]   // never used and age unknown: cannot be judged
    public void Unused_decides_per_active_key(int? createdDaysAgo, int? usedDaysAgo, FindingStatus expected)
    {
        var finding = Assert.Single(Run(AccessKeyUnusedRule.Instance, User("alice", Key(1, true, createdDaysAgo, usedDaysAgo))));

        Assert.Equal(expected, finding.Status);
        Assert.Equal("slot:1", finding.Key);
        Assert.Equal(AccessKeyUnusedRule.Metadata.Id, finding.RuleId);
    }

    [Fact]
    public void Unused_ignores_inactive_keys_and_root_and_an_unread_last_use_is_an_error()
    {
        Assert.Equal(FindingStatus.Pass, Assert.Single(Run(AccessKeyUnusedRule.Instance, User("bob", Key(1, false, 400, null)))).Status);
        Assert.Empty(Run(AccessKeyUnusedRule.Instance, Root(Key(1, true, 400, null))));

        var unread = new AccessKey("AKIAEXAMPLE000000001", null, KeyStatus.Active, AsOf.AddDays(-100), null, null, null);
        Assert.Equal(FindingStatus.Error, Assert.Single(Run(AccessKeyUnusedRule.Instance, User("carol", unread))).Status);
    }

    [Theory]
    [InlineData(90, FindingStatus.Pass)]   // "90 days or less"
    [InlineData(91, FindingStatus.Fail)]
    [InlineData(0, FindingStatus.Pass)]
    [InlineData(null, FindingStatus.Error)]
    public void Rotation_decides_on_whole_days_of_age(int? createdDaysAgo, FindingStatus expected)
    {
        var findings = Run(AccessKeyRotationRule.Instance, User("alice", Key(1, true, createdDaysAgo, 1), Key(2, false, 500, null)));

        Assert.Equal(expected, Assert.Single(findings).Status);
    }

    [Fact]
    public void Root_fails_with_an_active_key_warns_with_only_inactive_ones_and_passes_with_none()
    {
        Assert.Equal(FindingStatus.Fail, Assert.Single(Run(RootAccessKeyRule.Instance, Root(Key(1, true, 10, null)), User("alice"))).Status);
        Assert.Equal(FindingStatus.Warn, Assert.Single(Run(RootAccessKeyRule.Instance, Root(Key(1, false, 10, null)))).Status);
        Assert.Equal(FindingStatus.Pass, Assert.Single(Run(RootAccessKeyRule.Instance, Root())).Status);
    }

    [Theory]
    [InlineData(true, FindingStatus.Fail)]
    [InlineData(false, FindingStatus.Pass)]
    [InlineData(null, FindingStatus.Error)]
    public void Without_a_root_row_the_account_summary_decides(bool? present, FindingStatus expected)
    {
        var account = new AccountInventory(Source, [User("alice")], new RootKeysPresence(present, present is null ? "denied" : null));

        var finding = Assert.Single(RootAccessKeyRule.Instance.Evaluate(account, Context));

        Assert.Equal(expected, finding.Status);
        Assert.True(finding.IsRoot);
    }

    [Fact]
    public void Root_filtered_out_gives_no_root_finding()
    {
        Assert.Empty(RootAccessKeyRule.Instance.Evaluate(new AccountInventory(Source, [User("alice")]), Context));
    }

    [Fact]
    public void A_principal_that_could_not_be_read_is_an_error_for_every_rule()
    {
        var unreadable = new PrincipalKeys("dave", null, false, [], ReadError: "access denied");
        foreach (var rule in new IRule[] { MultipleActiveKeysRule.Instance, AccessKeyUnusedRule.Instance, AccessKeyRotationRule.Instance })
        {
            Assert.Equal(FindingStatus.Error, Assert.Single(Run(rule, unreadable)).Status);
        }
    }

    [Fact]
    public void Auto_re_reads_only_what_the_selected_rules_judge_on_live_keys()
    {
        var fresh = User("fresh", Key(1, true, 10, 1));
        var unused = User("unused", Key(1, true, 100, 60));
        var two = User("two", Key(1, true, 10, 1), Key(2, true, 10, 1));

        var single = RuleRegistry.Select([MultipleActiveKeysRule.Metadata.Id], null).Needs(Context);
        var all = RuleRegistry.Select(null, null).Needs(Context);

        Assert.Equal([false, false, true], new[] { fresh, unused, two }.Select(single.NeedsLiveKeys));
        Assert.Equal([false, true, true], new[] { fresh, unused, two }.Select(all.NeedsLiveKeys));
        Assert.False(single.NeedsRootKeys);
        Assert.True(all.NeedsRootKeys);
    }

    [Fact]
    public void The_registry_has_unique_ids_known_versions_and_a_doc_page_per_rule()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));
        Assert.Equal(RuleRegistry.All.Count, RuleRegistry.Ids.Distinct().Count());
        var known = CisBenchmark.All.SelectMany(b => b.Versions).Concat(["v1.3.0", "v1.5.0", "v2.0.0"]).ToHashSet();
        foreach (var rule in RuleRegistry.All.Select(r => r.Metadata))
        {
            Assert.All(rule.CisIds.Keys, v => Assert.Contains(v, known));
            Assert.True(File.Exists(Path.Combine(root, rule.DocPath)), $"{rule.DocPath} is missing");
        }
    }

    [Fact]
    public void Cis_7_0_runs_root_unused_and_rotation_and_the_single_key_rule_only_when_named()
    {
        Assert.Equal(
            [RootAccessKeyRule.Metadata.Id, AccessKeyUnusedRule.Metadata.Id, AccessKeyRotationRule.Metadata.Id],
            RuleRegistry.Select(null, "cis-7.0").Ids);
        var named = RuleRegistry.Select([MultipleActiveKeysRule.Metadata.Id], "cis-7.0");
        Assert.Equal([MultipleActiveKeysRule.Metadata.Id], named.Ids);
        Assert.Empty(named.Shown(MultipleActiveKeysRule.Metadata.Id).CisIds);
        Assert.Equal(new Dictionary<string, string> { ["v7.0.0"] = "2.12" }, RuleRegistry.Select(null, "cis-7.0").Shown(AccessKeyRotationRule.Metadata.Id).CisIds);
        Assert.Equal(4, RuleRegistry.Select(null, "cis-6.0").Ids.Count());
    }

    [Fact]
    public void An_unknown_rule_or_benchmark_is_a_usage_error_naming_it()
    {
        var rule = Assert.Throws<KeyWardenException>(() => RuleRegistry.Select(["iam-nope"], null));
        Assert.Contains("--rules: unknown rule 'iam-nope'", rule.Message);
        var benchmark = Assert.Throws<KeyWardenException>(() => RuleRegistry.Select(null, "cis-9.9"));
        Assert.Contains("--benchmark: unknown benchmark 'cis-9.9'", benchmark.Message);
    }
}
