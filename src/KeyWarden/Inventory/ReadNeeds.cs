namespace KeyWarden.Inventory;

/// <summary>
/// What the selected rules need read live, so that a source reads no more than they use. The rules decide (the audit
/// layer builds this from its rule set); the sources only ask. <see cref="SingleActiveKey"/> is what the one-rule
/// tool read: principals with more than one active key.
/// </summary>
public sealed record ReadNeeds(
    Func<PrincipalKeys, bool> NeedsLiveKeys,
    Func<IReadOnlyList<AccessKey>, bool> NeedsLastUse,
    bool NeedsRootKeys)
{
    /// <summary>Only "more than one active key": candidates, and their keys' last use.</summary>
    public static ReadNeeds SingleActiveKey { get; } = new(
        p => !p.IsRoot && p.ActiveKeyCount > 1,
        keys => keys.Count(k => k.IsActive) > 1,
        NeedsRootKeys: false);
}
