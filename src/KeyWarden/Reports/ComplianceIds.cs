using KeyWarden.Audit;

namespace KeyWarden.Reports;

/// <summary>
/// The CIS AWS Foundations Benchmark ids of a rule in the spellings the machine formats use: Security Hub's
/// RelatedRequirements ("CIS AWS Foundations Benchmark v1.4.0/1.13") and Prowler's compliance map ("CIS-1.4.0": ["1.13"]).
/// </summary>
public static class ComplianceIds
{
    public const string BenchmarkName = "CIS AWS Foundations Benchmark";

    /// <summary>Benchmark versions in release order (the metadata's dictionary order is not a contract).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Ordered(RuleMetadata rule) =>
        rule.CisIds.OrderBy(p => Version.TryParse(p.Key.TrimStart('v'), out var v) ? v : new Version(0, 0)).ToList();

    /// <summary>
    /// Runs of consecutive versions that give the rule the same id, in release order ("1.13" from v1.3.0 to v4.0.1,
    /// then "1.12" in v5.0.0): how people read a rule's numbering across versions.
    /// </summary>
    public static IReadOnlyList<(string Id, string First, string Last)> Runs(RuleMetadata rule)
    {
        var runs = new List<(string Id, string First, string Last)>();
        foreach (var (version, id) in Ordered(rule))
        {
            if (runs.Count > 0 && runs[^1].Id == id)
            {
                runs[^1] = runs[^1] with { Last = version };
            }
            else
            {
                runs.Add((id, version, version));
            }
        }

        return runs;
    }

    public static IReadOnlyList<string> Standards(RuleMetadata rule) =>
        Ordered(rule).Select(p => $"{BenchmarkName} {p.Key}").ToList();

    public static IReadOnlyList<string> Requirements(RuleMetadata rule) =>
        Ordered(rule).Select(p => $"{BenchmarkName} {p.Key}/{p.Value}").ToList();

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ProwlerMap(RuleMetadata rule) =>
        Ordered(rule).ToDictionary(p => $"CIS-{p.Key.TrimStart('v')}", p => (IReadOnlyList<string>)[p.Value]);
}
