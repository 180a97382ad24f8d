using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KeyWarden.Audit;
using KeyWarden.Audit.Rules;
using KeyWarden.Audit.Rules.AccessKeyUnused;

namespace KeyWarden.Tests.Audit.Rules;

/// <summary>
/// Every rule's CIS id per benchmark version (<see cref="RuleMetadata.CisIds"/>) against the ids public sources give
/// (Fixtures/cis-ids-sources.json: Prowler's and steampipe-mod-aws-compliance's mappings extracted by
/// scripts/cis-ids-extract.py, AWS Security Hub's and CIS's text recorded by hand; docs/rules/cis-sources.md). An id
/// changed in the code, or a re-extracted source that numbers a control differently, fails here.
/// </summary>
public sealed partial class CisIdSourcesTests
{
    private static readonly JsonNode Sources = JsonNode.Parse(File.ReadAllText(TestData.FixturePath("cis-ids-sources.json")))!;

    private static readonly string RepositoryRoot =
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));

    private static IEnumerable<RuleMetadata> Rules => RuleRegistry.All.Select(r => r.Metadata);

    /// <summary>The versions KeyWarden numbers: a source's older versions (steampipe's v1.2.0) are not KeyWarden's to match.</summary>
    private static readonly HashSet<string> KeyWardenVersions = Rules.SelectMany(r => r.CisIds.Keys).ToHashSet();

    public static TheoryData<string> SourceNames() => ["prowler", "steampipe", "securityHub", "cisText"];

    /// <summary>What one source says of one rule in one version: an id, or null for "the version does not have it".</summary>
    private sealed record Cell(string Source, string Version, string Rule, string? Id, string? Title);

    private static IEnumerable<Cell> Cells(string source)
    {
        foreach (var (version, entry) in Sources[source]!["versions"]!.AsObject())
        {
            foreach (var (rule, value) in entry!["ids"]!.AsObject())
            {
                yield return new Cell(source, version, rule, value?["id"]?.GetValue<string>(), value?["title"]?.GetValue<string>());
            }
        }
    }

    private static string? KeyWardenId(string rule, string version) =>
        RuleRegistry.Metadata(rule) is { } metadata && metadata.CisIds.TryGetValue(version, out var id) ? id : null;

    [Theory]
    [MemberData(nameof(SourceNames))]
    public void Every_id_a_source_gives_is_the_rules_id_in_that_version(string source)
    {
        var cells = Cells(source).Where(c => KeyWardenVersions.Contains(c.Version)).ToList();
        Assert.NotEmpty(cells);
        var disagreements = cells
            .Where(c => RuleRegistry.Metadata(c.Rule) is null || KeyWardenId(c.Rule, c.Version) != c.Id)
            .Select(c => $"{c.Rule} {c.Version}: {source} says {c.Id ?? "not in this version"}, KeyWarden {KeyWardenId(c.Rule, c.Version) ?? "none"}")
            .ToList();
        Assert.Empty(disagreements);
    }

    [Fact]
    public void Every_rule_and_version_KeyWarden_numbers_or_leaves_out_is_confirmed_by_a_mirrored_mapping()
    {
        // Prowler and steampipe are the extracted, commit-pinned sources; together they cover v1.3.0 (steampipe only)
        // through v7.0.0 (Prowler only), so each cell of the table, numbered or absent, must be stated by one of them.
        var mirrored = Cells("prowler").Concat(Cells("steampipe")).ToLookup(c => (c.Rule, c.Version));
        var unconfirmed = (
            from rule in Rules
            from version in KeyWardenVersions
            let id = KeyWardenId(rule.Id, version)
            where !mirrored[(rule.Id, version)].Any(c => c.Id == id)
            select $"{rule.Id} {version}: KeyWarden {id ?? "none"}, no mirrored source says so").ToList();
        Assert.Empty(unconfirmed);
        Assert.Equal(
            ["v1.3.0", "v1.4.0", "v1.5.0", "v2.0.0", "v3.0.0", "v4.0.0", "v4.0.1", "v5.0.0", "v6.0.0", "v7.0.0"],
            KeyWardenVersions.OrderBy(v => Version.Parse(v[1..])));
    }

    [Theory]
    [MemberData(nameof(SourceNames))]
    public void Each_recorded_id_names_the_rules_recommendation(string source)
    {
        // The extract finds a requirement by the check it runs; its title must then be the recommendation the rule is.
        var wording = new Dictionary<string, string>
        {
            ["iam-single-active-access-key"] = "only one active access key",
            ["iam-root-access-key"] = "root",
            ["iam-access-key-unused"] = "unused",
            ["iam-access-key-rotation"] = "rotated every 90 days",
        };
        var cells = Cells(source).Where(c => c.Id is not null).ToList();
        Assert.NotEmpty(cells);
        Assert.All(cells, c => Assert.Contains(wording[c.Rule], c.Title!, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_unused_threshold_is_90_days_in_v1_3_0_and_45_after_as_the_rule_says()
    {
        var unused = Cells("prowler").Concat(Cells("steampipe"))
            .Where(c => c.Rule == AccessKeyUnusedRule.Metadata.Id && c.Id is not null && KeyWardenVersions.Contains(c.Version)).ToList();
        Assert.Contains(unused, c => c.Version == "v1.3.0");
        Assert.All(unused, c => Assert.Contains(c.Version == "v1.3.0" ? "90 days" : "45 days", c.Title!));
        Assert.Contains("v1.3.0", AccessKeyUnusedRule.Metadata.CisNote);
        Assert.Contains("90 days", AccessKeyUnusedRule.Metadata.CisNote);
    }

    [Fact]
    public void The_README_rules_table_shows_the_rules_ids()
    {
        // | [rule](docs/rules/rule.md) | what fails | v1.3.0–v4.0.1 | v5.0.0 | v6.0.0 | v7.0.0 | remediated by plan |
        var rows = File.ReadAllLines(Path.Combine(RepositoryRoot, "README.md"))
            .Select(line => ReadmeRow().Match(line)).Where(m => m.Success)
            .ToDictionary(m => m.Groups["rule"].Value, m => m.Groups["cells"].Value.Split('|').Select(c => c.Trim()).ToArray());
        var early = new[] { "v1.3.0", "v1.4.0", "v1.5.0", "v2.0.0", "v3.0.0", "v4.0.0", "v4.0.1" };
        foreach (var rule in Rules)
        {
            Assert.True(rows.TryGetValue(rule.Id, out var cells), $"README has no Rules row for {rule.Id}");
            var shown = cells!.Skip(1).Take(4).Select(c => c.StartsWith('—') ? null : c.Split(' ')[0]).ToArray();
            Assert.All(early, v => Assert.Equal(shown[0], KeyWardenId(rule.Id, v)));
            Assert.Equal(shown[1..], new[] { "v5.0.0", "v6.0.0", "v7.0.0" }.Select(v => KeyWardenId(rule.Id, v)));
        }
    }

    [Fact]
    public void The_sources_page_names_the_commits_the_data_was_extracted_at()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "rules", "cis-sources.md"));
        Assert.Contains(Sources["prowler"]!["commit"]!.GetValue<string>(), page);
        Assert.Contains(Sources["steampipe"]!["commit"]!.GetValue<string>(), page);
    }

    [GeneratedRegex(@"^\| \[(?<rule>iam-[a-z-]+)\]\(docs/rules/[a-z-]+\.md\) \|(?<cells>.*)$")]
    private static partial Regex ReadmeRow();
}
