namespace KeyWarden.Inventory;

/// <summary>Which keys a source reads GetAccessKeyLastUsed for (<c>--evidence</c>).</summary>
public enum LastUseEvidence
{
    /// <summary>
    /// Only where the rule needs last use and nothing else has it: live, the keys of principals with more than one
    /// active key; auto, the keys the credential report cannot place by creation second.
    /// </summary>
    Needed,

    /// <summary>Every key read live gets its own GetAccessKeyLastUsed (the behaviour before --evidence existed).</summary>
    All,
}
