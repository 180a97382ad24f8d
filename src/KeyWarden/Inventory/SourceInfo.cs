namespace KeyWarden.Inventory;

/// <summary>
/// Provenance of one account's data: which source, how fresh, and whether reading it failed.
/// An account whose <see cref="Error"/> is set could not be evaluated and must never read as a pass.
/// <see cref="Notes"/> says what the source saw but did not turn into findings (a user deleted mid-read).
/// </summary>
public sealed record SourceInfo(
    string? AccountId,
    string? Partition,
    SourceKind Kind,
    DateTimeOffset? DataAsOf,
    string? Error = null,
    string? Location = null,
    IReadOnlyList<string>? Notes = null);
