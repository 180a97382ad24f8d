namespace KeyWarden.Inventory;

/// <summary>An access key's status. IAM also knows <c>Expired</c>; anything but Active counts as not active.</summary>
public enum KeyStatus
{
    Active,
    Inactive,
}
