namespace KeyWarden.Audit.Rules.MultipleActiveKeys;

/// <summary>
/// Which active key to keep and which to deactivate, with the reasons in plain words.
/// <see cref="RotateKeeper"/>: the kept key is itself past the maximum age, so CIS also wants it rotated.
/// <see cref="NeedsReview"/>: no key shows usage, or more than one is in use, so deactivating may break something.
/// </summary>
public sealed record KeepDecision(
    string Keep,
    IReadOnlyList<string> Deactivate,
    IReadOnlyList<string> Reasons,
    bool RotateKeeper,
    bool NeedsReview);
