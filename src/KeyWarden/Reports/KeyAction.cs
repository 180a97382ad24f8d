using KeyWarden.Audit;
using KeyWarden.Audit.Rules.MultipleActiveKeys;

namespace KeyWarden.Reports;

/// <summary>What the keeper decision does with one key: "keep", "deactivate", or null when it is not part of a decision.</summary>
public static class KeyAction
{
    public const string Keep = "keep";
    public const string Deactivate = "deactivate";

    public static string? Of(KeyEvidence key, KeepDecision? decision)
    {
        if (decision is null || !key.Key.IsActive)
        {
            return null;
        }

        if (decision.Keep == key.Reference)
        {
            return Keep;
        }

        return decision.Deactivate.Contains(key.Reference) ? Deactivate : null;
    }
}
