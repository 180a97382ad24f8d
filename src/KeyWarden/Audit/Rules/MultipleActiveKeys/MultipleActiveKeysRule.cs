using KeyWarden.Inventory;

namespace KeyWarden.Audit.Rules.MultipleActiveKeys;

/// <summary>
/// CIS AWS Foundations: "Ensure there is only one active access key for any single IAM user" (v1.3.0 to v6.0.0; v7.0.0
/// dropped it, KeyWarden keeps it as a best-practice rule). One finding per principal; a FAIL carries the keeper
/// decision (<see cref="KeeperSelector"/>): which key to keep, which to deactivate, and whether a person must decide.
/// </summary>
public sealed class MultipleActiveKeysRule : IRule
{
    public static MultipleActiveKeysRule Instance { get; } = new();

    RuleMetadata IRule.Metadata => Metadata;

    public bool NeedsRootKeys => false;

    public static RuleMetadata Metadata { get; } = new(
        Id: "iam-single-active-access-key",
        Title: "Ensure there is only one active access key for any single IAM user",
        Severity: "medium",
        Description: "Each IAM user (and the account root) should have at most one active access key. "
            + "A second active key doubles the long-lived secrets that can leak and is usually a key someone forgot.",
        Risk: "Every active access key is a long-term credential that can be leaked, committed to source control or stolen. "
            + "A forgotten second key is rarely monitored or rotated, so its compromise goes unnoticed.",
        Remediation: "Choose the one key to keep (in use, younger than 90 days), deactivate every other active key "
            + "(UpdateAccessKey to Inactive; do not delete it until you are sure nothing breaks), then confirm with "
            + "ListAccessKeys that only the kept key is Active.",
        RemediationSteps:
        [
            "List the user's keys: aws iam list-access-keys --user-name USER",
            "For each Active key, check when and where it was last used: aws iam get-access-key-last-used --access-key-id KEY",
            "Keep the key that is in use and younger than 90 days; if both are in use, move the application off one key first",
            "Deactivate every other active key: aws iam update-access-key --user-name USER --access-key-id KEY --status Inactive",
            "Confirm only the kept key is Active: aws iam list-access-keys --user-name USER",
            "After a quiet period with nothing broken, delete the inactive key: aws iam delete-access-key --user-name USER --access-key-id KEY",
        ],
        CisIds: new Dictionary<string, string>
        {
            ["v1.3.0"] = "1.13",
            ["v1.4.0"] = "1.13",
            ["v1.5.0"] = "1.13",
            ["v2.0.0"] = "1.13",
            ["v3.0.0"] = "1.13",
            ["v4.0.0"] = "1.13",
            ["v4.0.1"] = "1.13",
            ["v5.0.0"] = "1.12",
            ["v6.0.0"] = "2.12",
        },
        CisNote: "Not a recommendation of CIS v7.0.0, which dropped it (its 2.12 is access-key rotation, iam-access-key-rotation here); "
            + "KeyWarden keeps it as a best-practice rule, run by default and with --rules, not with --benchmark cis-7.0 alone.",
        Remediable: true,
        References:
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console",
            "https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccessKey.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html",
        ],
        DocPath: "docs/rules/iam-single-active-access-key.md");

    public bool NeedsLiveKeys(PrincipalKeys reportRow, RuleContext context) => !reportRow.IsRoot && reportRow.ActiveKeyCount > 1;

    public bool NeedsLastUse(IReadOnlyList<AccessKey> listedKeys) => listedKeys.Count(k => k.IsActive) > 1;

    public IEnumerable<Finding> Evaluate(AccountInventory account, RuleContext context) =>
        account.Principals.Select(p => Evaluate(account.Source, p, context));

    public static Finding Evaluate(SourceInfo source, PrincipalKeys principal, RuleContext context)
    {
        var parameters = context.Parameters;
        var evidence = context.Evidence(principal);
        var active = evidence.Where(e => e.Key.IsActive).ToList();

        if (principal.ReadError is { } error)
        {
            return FindingFactory.Unreadable(Metadata, source, principal, error);
        }

        if (active.Count < 2)
        {
            var message = (active.Count, evidence.Count) switch
            {
                (1, _) => "1 active access key",
                (0, 0) => "no access keys",
                _ => "no active access keys",
            };
            return New(FindingStatus.Pass, null, null, message);
        }

        if (principal.IsRoot)
        {
            // Root has no key to keep: CIS wants none at all, so there is no keeper decision and nothing to plan.
            return New(FindingStatus.Fail, null, null, RootMessage(active));
        }

        var (decision, classification) = KeeperSelector.Decide(active, parameters);
        var status = classification == Classification.RotationInProgress && parameters.TreatRotationAsWarning
            ? FindingStatus.Warn
            : FindingStatus.Fail;
        var summary = $"{active.Count} active access keys ({classification.ToContractName()}): keep {decision.Keep}, deactivate {string.Join(", ", decision.Deactivate)}";
        if (decision.NeedsReview)
        {
            // The message reaches every format (CSV, OCSF, ASFF, JUnit): it says why a person must decide.
            summary += decision.ReviewReason is { } why ? $"; needs review before deactivating: {why}" : "; needs review before deactivating";
        }

        return New(status, classification, decision, summary);

        Finding New(FindingStatus status, Classification? classification, KeepDecision? decision, string message) =>
            FindingFactory.For(Metadata, source, principal, status, evidence, message, classification: classification, decision: decision);
    }

    private static string RootMessage(IReadOnlyList<KeyEvidence> active)
    {
        var keys = string.Join("; ", active.OrderBy(k => k.Reference, StringComparer.Ordinal).Select(RootAccessKey.RootAccessKeyRule.Describe));
        return $"the root user has {active.Count} active access keys ({keys}). Root access keys should not exist at all "
            + $"(\"no root user access key\": {RootAccessKey.RootAccessKeyRule.CisText}): move whatever uses them to an IAM role or user, then "
            + "deactivate and delete every root access key, signed in as root (Security credentials page). KeyWarden never plans root.";
    }
}
