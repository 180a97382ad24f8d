using KeyWarden.Inventory;

namespace KeyWarden.Audit.Rules;

/// <summary>
/// One check over an account's inventory, in the PSRule spirit: its metadata (what every writer shows), its evaluation
/// (pure: findings from the inventory and the audit instant), and what it needs read live so that a source reads only
/// what the selected rules use. Each rule lives in its own folder under Audit/Rules with its own decision details.
/// </summary>
public interface IRule
{
    RuleMetadata Metadata { get; }

    /// <summary>Every finding of this rule for the account: one per principal, or one per active key for key-level rules.</summary>
    IEnumerable<Finding> Evaluate(AccountInventory account, RuleContext context);

    /// <summary><c>--source auto</c>: whether this principal, as the credential report shows it, must be re-read live for this rule.</summary>
    bool NeedsLiveKeys(PrincipalKeys reportRow, RuleContext context);

    /// <summary><c>--source live</c>: whether this rule reads the last use of these listed keys.</summary>
    bool NeedsLastUse(IReadOnlyList<AccessKey> listedKeys);

    /// <summary>Whether this rule needs root's keys (the report's root row, or GetAccountSummary where there is none).</summary>
    bool NeedsRootKeys { get; }
}
