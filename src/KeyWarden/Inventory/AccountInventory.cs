namespace KeyWarden.Inventory;

/// <summary>
/// Everything the auditor needs about one account: its principals' keys and where they came from, and, where root's own
/// row is not among the principals, what the account summary says of root's keys (<see cref="RootKeys"/>).
/// </summary>
public sealed record AccountInventory(SourceInfo Source, IReadOnlyList<PrincipalKeys> Principals, RootKeysPresence? RootKeys = null)
{
    public string? AccountId => Source.AccountId;
}
