namespace KeyWarden.Accounts;

/// <summary>What a multi-account run tells as it goes: the total once, then each account as it finishes.</summary>
public interface IFleetProgress
{
    void Finished(string accountId, string? accountName, Inventory.AccountStatus status, string? error);
}
