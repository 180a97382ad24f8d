using KeyWarden.Inventory;

namespace KeyWarden.Audit.Rules.RootAccessKey;

/// <summary>
/// CIS AWS Foundations: "Ensure no 'root' user account access key exists". One finding per account, about root: FAIL when
/// root has an Active key; WARN when its keys are all Inactive (CIS audits the active flags, but the recommendation is
/// that no key exists: an inactive one is one click from use); PASS with none. Where the source has no root row (the IAM
/// API never lists root's keys) GetAccountSummary's AccountAccessKeysPresent decides: present is a FAIL, since it does
/// not say whether the keys are active. Never planned: only root can change root's keys.
/// </summary>
public sealed class RootAccessKeyRule : IRule
{
    public static RootAccessKeyRule Instance { get; } = new();

    /// <summary>The CIS ids of this rule in words, for messages of other rules that meet root's keys.</summary>
    public const string CisText = "CIS AWS Foundations 1.4 in v1.3.0–v4.0.x, 1.3 in v5.0.0, 2.3 in v6.0.0, 2.4 in v7.0.0";

    public static RuleMetadata Metadata { get; } = new(
        Id: "iam-root-access-key",
        Title: "Ensure no 'root' user account access key exists",
        Severity: "critical",
        Description: "The root user is the account's most privileged identity and cannot be limited by IAM policies. "
            + "It should have no access key at all, active or not.",
        Risk: "A root access key gives unrestricted, long-lived programmatic control of the whole account, including billing and "
            + "account closure; IAM policies and permission boundaries cannot restrict it, and a leaked one cannot be contained by IAM.",
        Remediation: "Move whatever uses the root key to an IAM role or user with only the permissions it needs, then sign in as the "
            + "root user, open Security credentials, deactivate and delete every access key. Only root itself can do this: "
            + "KeyWarden never plans root.",
        RemediationSteps:
        [
            "Find what uses the key: the credential report's access_key_N_last_used_* columns for <root_account>, and CloudTrail events with userIdentity.type Root",
            "Move that workload to an IAM role (or an IAM user) with least privilege",
            "Sign in as the root user (with MFA), open the account menu > Security credentials > Access keys",
            "Deactivate each key, wait to confirm nothing breaks, then delete it",
            "Confirm: aws iam get-account-summary shows AccountAccessKeysPresent = 0",
        ],
        CisIds: new Dictionary<string, string>
        {
            ["v1.3.0"] = "1.4",
            ["v1.4.0"] = "1.4",
            ["v1.5.0"] = "1.4",
            ["v2.0.0"] = "1.4",
            ["v3.0.0"] = "1.4",
            ["v4.0.0"] = "1.4",
            ["v4.0.1"] = "1.4",
            ["v5.0.0"] = "1.3",
            ["v6.0.0"] = "2.3",
            ["v7.0.0"] = "2.4",
        },
        References:
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html",
            "https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountSummary.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html",
        ],
        DocPath: "docs/rules/iam-root-access-key.md");

    RuleMetadata IRule.Metadata => Metadata;

    public bool NeedsRootKeys => true;

    // The report's root row is all this rule reads: root's keys cannot be re-read through the IAM API.
    public bool NeedsLiveKeys(PrincipalKeys reportRow, RuleContext context) => false;

    public bool NeedsLastUse(IReadOnlyList<AccessKey> listedKeys) => false;

    public IEnumerable<Finding> Evaluate(AccountInventory account, RuleContext context)
    {
        if (account.Principals.FirstOrDefault(p => p.IsRoot) is { } root)
        {
            yield return FromRow(account.Source, root, context);
        }
        else if (account.RootKeys is { } presence)
        {
            yield return FromSummary(account, presence);
        }

        // Neither: root was filtered out (--principal); nothing was asked of it.
    }

    /// <summary>How a root key is described in messages: its slot, last use and age.</summary>
    public static string Describe(KeyEvidence key)
    {
        // The shared wording of a last use, and the instant for CloudTrail.
        var used = key.Key.LastUsedAt is { } u ? $"{key.LastUse} at {Reports.Timestamps.Format(u)}" : key.LastUse;
        var created = key.AgeDays is { } age ? $"created {FindingFactory.Days(age)} ago" : "creation date unknown";
        return $"{key.Reference}: {used}, {created}";
    }

    private static Finding FromRow(SourceInfo source, PrincipalKeys root, RuleContext context)
    {
        if (root.ReadError is { } error)
        {
            return FindingFactory.Unreadable(Metadata, source, root, error);
        }

        var evidence = context.Evidence(root);
        var active = evidence.Where(k => k.Key.IsActive).OrderBy(k => k.Reference, StringComparer.Ordinal).ToList();
        if (active.Count > 0)
        {
            var keys = string.Join("; ", active.Select(Describe));
            var what = active.Count == 1 ? "an active access key" : $"{active.Count} active access keys";
            return FindingFactory.For(Metadata, source, root, FindingStatus.Fail, evidence,
                $"the root user has {what} ({keys}): move what uses it to an IAM role, then deactivate and delete it signed in as root");
        }

        if (evidence.Count > 0)
        {
            var keys = string.Join("; ", evidence.OrderBy(k => k.Reference, StringComparer.Ordinal).Select(Describe));
            return FindingFactory.For(Metadata, source, root, FindingStatus.Warn, evidence,
                $"the root user has no active access key but {(evidence.Count == 1 ? "an inactive one" : $"{evidence.Count} inactive ones")} ({keys}): "
                + "delete it signed in as root; an inactive root key can be reactivated by anyone who gets root");
        }

        return FindingFactory.For(Metadata, source, root, FindingStatus.Pass, evidence, "the root user has no access keys");
    }

    private static Finding FromSummary(AccountInventory account, RootKeysPresence presence)
    {
        var source = account.Source;
        var root = new PrincipalKeys(PrincipalKeys.RootName, source.AccountId is { } id ? $"arn:{source.Partition ?? "aws"}:iam::{id}:root" : null, IsRoot: true, []);
        return presence.Present switch
        {
            true => FindingFactory.For(Metadata, source, root, FindingStatus.Fail, [],
                $"the root user has access keys ({presence.Evidence} = 1; the IAM API does not say whether they are active): "
                + "move what uses them to an IAM role, then delete them signed in as root"),
            false => FindingFactory.For(Metadata, source, root, FindingStatus.Pass, [], $"the root user has no access keys ({presence.Evidence} = 0)"),
            null => FindingFactory.Unreadable(Metadata, source, root, presence.Unknown ?? "whether the root user has access keys is unknown"),
        };
    }
}
