using KeyWarden.Inventory;

namespace KeyWarden.Audit.Rules.AccessKeyUnused;

/// <summary>
/// CIS AWS Foundations: "Ensure credentials unused for 45 days or greater are disabled", for access keys. One finding per
/// Active key of every IAM user: FAIL when it was not used for <c>--unused-days</c> (default 45) or more. A key never
/// used counts from its creation: a never-used key older than the threshold fails (Prowler's check skips never-used
/// keys, so such a key passes there). A key whose last use was not read, or whose age is unknown, cannot be judged:
/// ERROR. Root's keys are <c>iam-root-access-key</c>'s. Remediable: plan --rules iam-access-key-unused deactivates the key (docs/remediation.md).
/// </summary>
public sealed class AccessKeyUnusedRule : IRule
{
    public static AccessKeyUnusedRule Instance { get; } = new();

    public static RuleMetadata Metadata { get; } = new(
        Id: "iam-access-key-unused",
        Title: "Ensure access keys unused for 45 days or more are disabled",
        Severity: "medium",
        Description: "An Active access key that has not been used for 45 days (or was never used and is older than that) "
            + "is a credential nothing needs: it should be deactivated.",
        Risk: "An unused key is a long-lived secret that nobody watches: if it leaks, its use is not noticed against a normal "
            + "pattern, and nothing breaks when it is turned off.",
        Remediation: "Confirm the key is not needed (last used date, service and region; ask the owner), deactivate it "
            + "(UpdateAccessKey to Inactive), and delete it after a quiet period.",
        RemediationSteps:
        [
            "Check the key's last use: aws iam get-access-key-last-used --access-key-id KEY",
            "Deactivate it: aws iam update-access-key --user-name USER --access-key-id KEY --status Inactive",
            "Confirm: aws iam list-access-keys --user-name USER",
            "After a quiet period with nothing broken, delete it: aws iam delete-access-key --user-name USER --access-key-id KEY",
        ],
        CisIds: new Dictionary<string, string>
        {
            ["v1.3.0"] = "1.12",
            ["v1.4.0"] = "1.12",
            ["v1.5.0"] = "1.12",
            ["v2.0.0"] = "1.12",
            ["v3.0.0"] = "1.12",
            ["v4.0.0"] = "1.12",
            ["v4.0.1"] = "1.12",
            ["v5.0.0"] = "1.11",
            ["v6.0.0"] = "2.11",
            ["v7.0.0"] = "2.11",
        },
        References:
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html",
            "https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccessKeyLastUsed.html",
            "https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccessKey.html",
        ],
        DocPath: "docs/rules/iam-access-key-unused.md",
        Scope: RuleScope.Key,
        CisNote: "CIS v1.3.0 set the threshold at 90 days (\"unused for 90 days or greater\"); v1.4.0 and later at 45. "
            + "The CIS recommendation also covers console passwords, which this rule does not check.",
        Remediable: true);

    RuleMetadata IRule.Metadata => Metadata;

    public bool NeedsRootKeys => false;

    /// <summary>
    /// Only a key the report says fails is re-read live: its id (a plan needs it), its current status, and (where the report
    /// cannot place it) its last use; a key the report shows in use is in use.
    /// </summary>
    public bool NeedsLiveKeys(PrincipalKeys reportRow, RuleContext context) =>
        !reportRow.IsRoot && reportRow.ReadError is null
        && reportRow.Keys.Where(k => k.IsActive).Any(k => Judge(context.Evidence(k), context.Parameters.UnusedDays).Status != FindingStatus.Pass);

    public bool NeedsLastUse(IReadOnlyList<AccessKey> listedKeys) => listedKeys.Any(k => k.IsActive);

    public IEnumerable<Finding> Evaluate(AccountInventory account, RuleContext context) =>
        FindingFactory.PerActiveKey(Metadata, account, context, key => Judge(key, context.Parameters.UnusedDays));

    /// <summary>One active key against the threshold: days since last use, or since creation for a key never used.</summary>
    public static (FindingStatus Status, string Message) Judge(KeyEvidence key, int unusedDays)
    {
        var k = key.Key;
        if (k.LastUsedAt is null && k.LastUsedSource is null)
        {
            return (FindingStatus.Error, $"could not evaluate: the last use of {key.Reference} was not read");
        }

        if (key.DaysSinceLastUse is { } since)
        {
            return since >= unusedDays
                ? (FindingStatus.Fail, $"{key.Reference} is active and {key.LastUse}: unused for {unusedDays} days or more, deactivate it")
                : (FindingStatus.Pass, $"{key.Reference} {key.LastUse}");
        }

        if (key.AgeDays is not { } age)
        {
            return (FindingStatus.Error, $"could not evaluate: {key.Reference} was never used and its creation date is unknown");
        }

        return age >= unusedDays
            ? (FindingStatus.Fail, $"{key.Reference} is active and was never used in the {FindingFactory.Days(age)} since it was created (threshold {unusedDays} days): deactivate it")
            : (FindingStatus.Pass, $"{key.Reference} never used, created {FindingFactory.Days(age)} ago (under {unusedDays} days)");
    }
}
