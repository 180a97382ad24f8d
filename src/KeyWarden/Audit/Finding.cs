using KeyWarden.Audit.Rules.MultipleActiveKeys;
using KeyWarden.Inventory;

namespace KeyWarden.Audit;

/// <summary>
/// The one result record every output reads: which rule, which principal, the outcome and why,
/// with the per-key evidence and, for a FAIL of the single-active-key rule, the keeper decision. <see cref="Key"/> is the
/// key a key-level rule's finding is about (its id, or <c>slot:N</c> from a credential report); null for a finding about
/// the principal as a whole.
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
    string? MuteReason = null,
    string? Key = null);
