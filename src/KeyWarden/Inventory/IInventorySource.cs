namespace KeyWarden.Inventory;

/// <summary>Reads one or more accounts' access keys. The only place, with remediation, that does I/O against AWS or files.</summary>
public interface IInventorySource
{
    Task<IReadOnlyList<AccountInventory>> ReadAsync(CancellationToken cancellationToken);
}
