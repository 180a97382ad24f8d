namespace KeyWarden.Inventory;

/// <summary>Everything the auditor needs about one account: its principals' keys and where they came from.</summary>
public sealed record AccountInventory(SourceInfo Source, IReadOnlyList<PrincipalKeys> Principals)
{
    public string? AccountId => Source.AccountId;
}
