using KeyWarden.Audit.Exceptions;
using KeyWarden.Inventory;
using KeyWarden.Reports;

namespace KeyWarden.Cli;

/// <summary>
/// Options that can only be checked against the data read: a <c>--principal</c> glob that matches no principal
/// (a typo would otherwise audit nothing and pass), and an <c>--as-of</c> earlier than the data's newest timestamp
/// (a key created or used "in the future" would be judged by a clock that contradicts the data). Both exit 2.
/// </summary>
internal static class InventoryChecks
{
    /// <summary>
    /// Only when every account was read: an account that could not be read has no principals to match, and its
    /// error (exit 3) is the finding that matters.
    /// </summary>
    public static void PrincipalGlobsMatch(IReadOnlyList<AccountInventory> inventories, IReadOnlyList<string> globs)
    {
        // Nor when no account was read at all (an empty --shard, every account skipped): there is nothing to match.
        if (globs.Count == 0 || inventories.Any(i => i.Source.Error is not null) || inventories.All(i => i.Source.EffectiveStatus == AccountStatus.Skipped))
        {
            return;
        }

        var names = inventories.SelectMany(i => i.Principals).Select(p => p.Name).ToList();
        var unmatched = globs.Where(g => !names.Any(n => GlobPattern.Matches(g, n, ignoreCase: true))).ToList();
        if (unmatched.Count > 0)
        {
            throw KeyWardenException.Usage(
                $"--principal {string.Join(", ", unmatched.Select(g => $"'{g}'"))} matched no principal in the data read; nothing to evaluate for {(unmatched.Count == 1 ? "it" : "them")}");
        }
    }

    /// <summary>The newest key creation, key last use or report generation time must not be after --as-of.</summary>
    public static void AsOfNotBeforeData(IReadOnlyList<AccountInventory> inventories, string? asOfOption, DateTimeOffset asOf)
    {
        if (asOfOption is null || Newest(inventories) is not { } newest || newest.At <= asOf)
        {
            return;
        }

        throw KeyWardenException.Usage(
            $"--as-of {Timestamps.Format(asOf)} is earlier than the data's newest timestamp {Timestamps.Format(newest.At)} ({newest.What}): "
            + $"evaluate as of {Timestamps.Format(newest.At)} or later");
    }

    private static (DateTimeOffset At, string What)? Newest(IReadOnlyList<AccountInventory> inventories)
    {
        var candidates = new List<(DateTimeOffset At, string What)>();
        foreach (var inventory in inventories)
        {
            // A live source's DataAsOf is when KeyWarden read it, not a fact in the data; a report's is its generation.
            if (inventory.Source.Kind != SourceKind.Live && inventory.Source.DataAsOf is { } generated)
            {
                candidates.Add((generated, inventory.Source.Kind == SourceKind.CredentialReportFile
                    ? "the newest date in the credential report"
                    : "the credential report's generation time"));
            }

            foreach (var principal in inventory.Principals)
            {
                foreach (var key in principal.Keys)
                {
                    if (key.CreatedAt is { } created)
                    {
                        candidates.Add((created, $"key {key.Reference} of {principal.Name} created"));
                    }

                    if (key.LastUsedAt is { } used)
                    {
                        candidates.Add((used, $"key {key.Reference} of {principal.Name} last used"));
                    }
                }
            }
        }

        return candidates.Count == 0 ? null : candidates.MaxBy(c => c.At);
    }
}
