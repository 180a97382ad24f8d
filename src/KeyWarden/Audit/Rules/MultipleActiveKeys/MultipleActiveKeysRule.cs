namespace KeyWarden.Audit.Rules.MultipleActiveKeys;

/// <summary>CIS AWS Foundations: "Ensure there is only one active access key for any single IAM user".</summary>
public static class MultipleActiveKeysRule
{
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
        References:
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console",
            "https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccessKey.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html",
        ],
        DocPath: "docs/rules/iam-single-active-access-key.md");
}
