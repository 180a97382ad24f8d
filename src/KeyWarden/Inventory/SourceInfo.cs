namespace KeyWarden.Inventory;

/// <summary>
/// Provenance of one account's data: which source, how fresh, and whether reading it failed.
/// An account whose <see cref="Error"/> is set could not be evaluated and must never read as a pass.
/// </summary>
public sealed record SourceInfo(
    string? AccountId,
    string? Partition,
    SourceKind Kind,
    DateTimeOffset? DataAsOf,
    string? Error = null,
    string? Location = null);
