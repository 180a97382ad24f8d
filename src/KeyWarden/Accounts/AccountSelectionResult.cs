namespace KeyWarden.Accounts;

/// <summary>
/// What <see cref="AccountSelection"/> decided: the accounts to read (ordered by id), the ones of this shard that are
/// not read and why (ordered by id), and how many candidates belong to other shards (counted, never listed, so that
/// the shards' reports together name every account exactly once).
/// </summary>
public sealed record AccountSelectionResult(IReadOnlyList<AccountTarget> Selected, IReadOnlyList<SkippedAccount> Skipped, int OtherShards);
