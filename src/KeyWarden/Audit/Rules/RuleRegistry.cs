using KeyWarden.Audit.Rules.AccessKeyRotation;
using KeyWarden.Audit.Rules.AccessKeyUnused;
using KeyWarden.Audit.Rules.MultipleActiveKeys;
using KeyWarden.Audit.Rules.RootAccessKey;

namespace KeyWarden.Audit.Rules;

/// <summary>
/// Every rule KeyWarden has, in report order; the auditor and every writer look rules up here by id. Ids are a
/// contract once landed.
/// </summary>
public static class RuleRegistry
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        MultipleActiveKeysRule.Instance,
        RootAccessKeyRule.Instance,
        AccessKeyUnusedRule.Instance,
        AccessKeyRotationRule.Instance,
    ];

    public static IReadOnlyCollection<string> Ids { get; } = All.Select(r => r.Metadata.Id).ToList();

    public static IRule? Find(string id) => All.FirstOrDefault(r => r.Metadata.Id == id);

    /// <summary>The metadata of a rule id, for writers; an id no rule has (a saved report of a newer tool) has none.</summary>
    public static RuleMetadata? Metadata(string id) => Find(id)?.Metadata;

    /// <summary>
    /// The rules a run uses: the ones named (in registry order), else every rule of the benchmark, else every rule.
    /// Named rules run even when the benchmark lacks them (the benchmark then limits only which CIS ids are shown).
    /// </summary>
    public static RuleSet Select(IReadOnlyList<string>? ids, string? benchmark)
    {
        var version = benchmark is null ? null : CisBenchmark.Find(benchmark) ?? throw KeyWardenException.Usage(
            $"--benchmark: unknown benchmark '{benchmark}' (known: {CisBenchmark.Names})");
        if (ids is { Count: > 0 })
        {
            var unknown = ids.Where(id => Find(id) is null).ToList();
            if (unknown.Count > 0)
            {
                throw KeyWardenException.Usage($"--rules: unknown rule '{unknown[0]}' (known: {string.Join(", ", Ids)})");
            }

            return new RuleSet(All.Where(r => ids.Contains(r.Metadata.Id)).ToList(), version);
        }

        return new RuleSet(version is null ? All : All.Where(r => version.Covers(r.Metadata)).ToList(), version);
    }

    /// <summary>The selection a run's parameters describe.</summary>
    public static RuleSet Select(AuditParameters parameters) => Select(parameters.Rules, parameters.Benchmark);
}
