namespace KeyWarden.Accounts;

/// <summary>
/// The pure selection: candidates (from the organization listing, <c>--ou</c>, <c>--accounts</c> or an accounts file),
/// this shard only, minus exclusions and accounts that are not ACTIVE.
/// </summary>
public static class AccountSelection
{
    public const string ActiveState = "ACTIVE";

    public const string ExcludedReason = "excluded by --exclude-accounts";

    /// <remarks>
    /// Order of the decisions: an account of another shard is only counted, whatever else is true of it (its own shard's
    /// run reports it); then an excluded account is skipped as excluded (the user's explicit word comes first); then an
    /// account whose state is known and not ACTIVE is skipped with its state. An unknown state (null) is read: the
    /// account may well be active, and reading it will say so or fail for it.
    /// The same id given more than once collapses into one entry: name and state are the first ones given, and the role
    /// override (ARN or name, and external id) comes whole from the first entry that carries one, so an organization
    /// listing entry and an accounts-file entry for the same id combine rather than one hiding the other.
    /// </remarks>
    public static AccountSelectionResult Select(IEnumerable<AccountTarget> candidates, IReadOnlyCollection<string> excluded, AccountShard? shard)
    {
        var merged = new Dictionary<string, AccountTarget>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            merged[candidate.AccountId] = merged.TryGetValue(candidate.AccountId, out var earlier) ? Merge(earlier, candidate) : candidate;
        }

        var excludedIds = excluded as ISet<string> ?? new HashSet<string>(excluded, StringComparer.Ordinal);
        var selected = new List<AccountTarget>();
        var skipped = new List<SkippedAccount>();
        var otherShards = 0;
        foreach (var account in merged.Values.OrderBy(a => a.AccountId, StringComparer.Ordinal))
        {
            if (shard is not null && !shard.Contains(account.AccountId))
            {
                otherShards++;
            }
            else if (excludedIds.Contains(account.AccountId))
            {
                skipped.Add(new SkippedAccount(account, ExcludedReason));
            }
            else if (account.State is { } state && !string.Equals(state, ActiveState, StringComparison.OrdinalIgnoreCase))
            {
                skipped.Add(new SkippedAccount(account, $"state {state}"));
            }
            else
            {
                selected.Add(account);
            }
        }

        return new AccountSelectionResult(selected, skipped, otherShards);
    }

    private static AccountTarget Merge(AccountTarget first, AccountTarget second)
    {
        var role = first.HasRoleOverride ? first : second;
        return first with
        {
            Name = first.Name ?? second.Name,
            State = first.State ?? second.State,
            RoleArn = role.RoleArn,
            RoleName = role.RoleName,
            ExternalId = role.ExternalId,
        };
    }
}
