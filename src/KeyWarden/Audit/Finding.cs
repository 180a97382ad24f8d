using KeyWarden.Audit.Rules.MultipleActiveKeys;
using KeyWarden.Inventory;

namespace KeyWarden.Audit;

/// <summary>
/// The one result record every output reads: which rule, which principal, the outcome and why,
/// with the per-key evidence and, for a FAIL, the keeper decision.
/// </summary>
public sealed record Finding(
    string RuleId,
    string? AccountId,
    string? Partition,
    string Principal,
    string? Arn,
    bool IsRoot,
    FindingStatus Status,
    Classification? Classification,
    int ActiveKeyCount,
    IReadOnlyList<KeyEvidence> Keys,
    KeepDecision? Decision,
    string Message,
    string? MuteReason = null);
