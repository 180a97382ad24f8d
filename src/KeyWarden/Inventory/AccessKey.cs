namespace KeyWarden.Inventory;

/// <summary>
/// One access key as a source saw it. <see cref="Id"/> is null when the source has no key ids
/// (a credential report names keys only by slot 1 / 2).
/// </summary>
public sealed record AccessKey(
    string? Id,
    int? Slot,
    KeyStatus Status,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? LastUsedAt,
    string? LastUsedService,
    string? LastUsedRegion)
{
    public bool IsActive => Status == KeyStatus.Active;

    /// <summary>
    /// Where <see cref="LastUsedAt"/>, <see cref="LastUsedService"/> and <see cref="LastUsedRegion"/> came from; null
    /// when last use was not read for this key (<c>--source live</c> reads it only where the rule needs it).
    /// </summary>
    public LastUseSource? LastUsedSource { get; init; }

    /// <summary>How reports and plans name this key: its id when known, else <c>slot:N</c>.</summary>
    public string Reference => Id ?? (Slot is { } slot ? $"slot:{slot}" : "unknown");
}
