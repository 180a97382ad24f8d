namespace KeyWarden.Audit.Rules;

/// <summary>
/// A CIS AWS Foundations Benchmark version as <c>--benchmark</c> names it (<c>cis-6.0</c>) and the version keys the rules'
/// CIS maps use for it (<c>v6.0.0</c>; v4.0 has two point releases with the same numbering).
/// </summary>
public sealed record CisBenchmark(string Name, IReadOnlyList<string> Versions)
{
    public static IReadOnlyList<CisBenchmark> All { get; } =
    [
        new("cis-1.4", ["v1.4.0"]),
        new("cis-3.0", ["v3.0.0"]),
        new("cis-4.0", ["v4.0.0", "v4.0.1"]),
        new("cis-5.0", ["v5.0.0"]),
        new("cis-6.0", ["v6.0.0"]),
        new("cis-7.0", ["v7.0.0"]),
    ];

    public static string Names => string.Join(", ", All.Select(b => b.Name));

    public static CisBenchmark? Find(string name) =>
        All.FirstOrDefault(b => string.Equals(b.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the rule is a recommendation of this version.</summary>
    public bool Covers(RuleMetadata rule) => Versions.Any(rule.CisIds.ContainsKey);

    /// <summary>The rule's CIS ids limited to this version (empty when the version does not have it).</summary>
    public IReadOnlyDictionary<string, string> Ids(RuleMetadata rule) =>
        rule.CisIds.Where(p => Versions.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
}
