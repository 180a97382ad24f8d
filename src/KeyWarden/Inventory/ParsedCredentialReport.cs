namespace KeyWarden.Inventory;

/// <summary>
/// A credential report reduced to what the auditor needs. <see cref="NewestTimestamp"/> is the latest
/// date found in any cell: a lower bound for when the report was generated, used as its data age
/// when the generation time is not known (an offline file).
/// </summary>
public sealed record ParsedCredentialReport(
    IReadOnlyList<PrincipalKeys> Principals,
    string? AccountId,
    string? Partition,
    DateTimeOffset? NewestTimestamp);
