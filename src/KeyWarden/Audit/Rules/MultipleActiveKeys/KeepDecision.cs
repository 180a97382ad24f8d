namespace KeyWarden.Audit.Rules.MultipleActiveKeys;

/// <summary>
/// Which active key to keep and which to deactivate, with the reasons in plain words.
/// <see cref="RotateKeeper"/>: the kept key is itself past the maximum age, so CIS also wants it rotated.
/// <see cref="NeedsReview"/>: deactivating may break something, so a person decides: no key shows usage, more
/// than one is in use, a key to deactivate worked more recently than a kept key that is not in use, or a rotation
/// is in progress. <see cref="ReviewReason"/> says which of these, in words (null when no review is needed).
/// <see cref="RotationGraceEndsAt"/>: for a rotation in progress, when the newest key leaves the grace period.
/// </summary>
public sealed record KeepDecision(
    string Keep,
    IReadOnlyList<string> Deactivate,
    IReadOnlyList<string> Reasons,
    bool RotateKeeper,
    bool NeedsReview,
    string? ReviewReason = null,
    DateTimeOffset? RotationGraceEndsAt = null);
