using KeyWarden.Inventory;

namespace KeyWarden.Audit.Rules;

/// <summary>
/// The rules one run uses and the benchmark version it reports (null: every version's ids). Tells the sources what to
/// read live (the union of what its rules need, nothing for a rule not selected) and tells every writer what to show
/// of a finding's rule (<see cref="Shown"/>).
/// </summary>
public sealed class RuleSet
{
    private readonly Dictionary<string, RuleMetadata> _shown;

    public RuleSet(IReadOnlyList<IRule> rules, CisBenchmark? benchmark)
    {
        Rules = rules;
        Benchmark = benchmark;
        _shown = rules.ToDictionary(r => r.Metadata.Id, r => Limit(r.Metadata));
    }

    public IReadOnlyList<IRule> Rules { get; }

    public CisBenchmark? Benchmark { get; }

    /// <summary>The metadata of every rule that ran, in run order, CIS ids limited to the benchmark's.</summary>
    public IReadOnlyList<RuleMetadata> Metadata => Rules.Select(r => _shown[r.Metadata.Id]).ToList();

    public IEnumerable<string> Ids => Rules.Select(r => r.Metadata.Id);

    public bool Contains(string ruleId) => _shown.ContainsKey(ruleId);

    /// <summary>A finding's rule as the reports show it: its metadata with the CIS ids of the run's benchmark only.</summary>
    public RuleMetadata Shown(string ruleId) =>
        _shown.TryGetValue(ruleId, out var rule) ? rule
        : RuleRegistry.Metadata(ruleId) is { } known ? Limit(known)
        : throw new ArgumentException($"no rule has the id '{ruleId}'", nameof(ruleId));

    public ReadNeeds Needs(RuleContext context) => new(
        p => Rules.Any(r => r.NeedsLiveKeys(p, context)),
        keys => Rules.Any(r => r.NeedsLastUse(keys)),
        Rules.Any(r => r.NeedsRootKeys));

    private RuleMetadata Limit(RuleMetadata rule) => Benchmark is null ? rule : rule with { CisIds = Benchmark.Ids(rule) };
}
