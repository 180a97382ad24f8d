using KeyWarden.Inventory;

namespace KeyWarden.Audit.Rules.AccessKeyRotation;

/// <summary>
/// CIS AWS Foundations: "Ensure access keys are rotated every 90 days or less". One finding per Active key of every IAM
/// user: FAIL when it is older than <c>--max-key-age</c> days (default 90; a key exactly 90 days old passes, as "90 days or
/// less" reads). Age is whole days since creation (the credential report's access_key_N_last_rotated, ListAccessKeys'
/// CreateDate). Not remediated by deactivation: rotating needs a new key, made and deployed by the key's owner.
/// Root's keys are <c>iam-root-access-key</c>'s.
/// </summary>
public sealed class AccessKeyRotationRule : IRule
{
    public static AccessKeyRotationRule Instance { get; } = new();

    public const string NotPlannedReason =
        "rotation needs a new key: create one (aws iam create-access-key --user-name USER), deploy it where the old key is used, "
        + "confirm the old key's last use stops, then deactivate the old key; KeyWarden does not create keys";

    public static RuleMetadata Metadata { get; } = new(
        Id: "iam-access-key-rotation",
        Title: "Ensure access keys are rotated every 90 days or less",
        Severity: "medium",
        Description: "Every Active access key should be younger than 90 days: an older key has been exposed for longer to "
            + "leaks it would take a rotation to end.",
        Risk: "The longer a key lives, the more places it has been copied to (laptops, CI variables, images, logs) and the longer "
            + "a leaked copy stays valid.",
        Remediation: "Create a second key for the user, deploy it wherever the old key is used, confirm from the old key's last "
            + "use that nothing uses it any more, then deactivate the old key and later delete it.",
        RemediationSteps:
        [
            "Create the new key: aws iam create-access-key --user-name USER",
            "Deploy the new key wherever the old one is configured",
            "Watch the old key's last use stop: aws iam get-access-key-last-used --access-key-id OLDKEY",
            "Deactivate the old key: aws iam update-access-key --user-name USER --access-key-id OLDKEY --status Inactive",
            "Confirm: aws iam list-access-keys --user-name USER; after a quiet period delete the old key",
        ],
        CisIds: new Dictionary<string, string>
        {
            ["v1.3.0"] = "1.14",
            ["v1.4.0"] = "1.14",
            ["v1.5.0"] = "1.14",
            ["v2.0.0"] = "1.14",
            ["v3.0.0"] = "1.14",
            ["v4.0.0"] = "1.14",
            ["v4.0.1"] = "1.14",
            ["v5.0.0"] = "1.13",
            ["v6.0.0"] = "2.13",
            ["v7.0.0"] = "2.12",
        },
        References:
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console",
            "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html",
            "https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAccessKeys.html",
        ],
        DocPath: "docs/rules/iam-access-key-rotation.md",
        Scope: RuleScope.Key,
        CisNote: "In v7.0.0 this is 2.12, the number v6.0.0 gave to \"only one active access key\" (iam-single-active-access-key).");

    RuleMetadata IRule.Metadata => Metadata;

    public bool NeedsRootKeys => false;

    // The report's creation dates decide; a key deactivated since the report is the only thing a re-read would change.
    public bool NeedsLiveKeys(PrincipalKeys reportRow, RuleContext context) => false;

    public bool NeedsLastUse(IReadOnlyList<AccessKey> listedKeys) => false;

    public IEnumerable<Finding> Evaluate(AccountInventory account, RuleContext context) =>
        FindingFactory.PerActiveKey(Metadata, account, context, key => Judge(key, context.Parameters.MaxKeyAgeDays));

    public static (FindingStatus Status, string Message) Judge(KeyEvidence key, int maxKeyAgeDays) => key.AgeDays switch
    {
        null => (FindingStatus.Error, $"could not evaluate: the creation date of {key.Reference} is unknown"),
        var age when age > maxKeyAgeDays =>
            (FindingStatus.Fail, $"{key.Reference} is {FindingFactory.Days(age)} old (more than {maxKeyAgeDays}): rotate it"),
        var age => (FindingStatus.Pass, $"{key.Reference} is {FindingFactory.Days(age)} old"),
    };
}
