using KeyWarden.Reports;

namespace KeyWarden.Remediation;

/// <summary>
/// A reviewed list of deactivations: the file `plan` writes, a person reads, and `apply` carries out.
/// Field names are a contract (docs/remediation.md): add, never rename.
/// </summary>
public sealed record RemediationPlan(
    int SchemaVersion,
    string Kind,
    string PlanId,
    ToolDocument Tool,
    string CreatedAt,
    string AsOf,
    ParametersDocument Parameters,
    bool Offline,
    IReadOnlyList<PlanAccount> Accounts,
    IReadOnlyList<SourceDocument> Sources,
    IReadOnlyList<PlanStep> Steps,
    IReadOnlyList<PlanSkip> Skipped)
{
    public const int CurrentSchemaVersion = 1;
    public const string PlanKind = "keywarden-remediation-plan";
}

/// <summary>An account the plan acts in; <see cref="RoleArn"/> is the role the audit read it through (null: the credentials' own account).</summary>
public sealed record PlanAccount(string AccountId, string Partition, string? RoleArn = null);

/// <summary>
/// One deactivation. <see cref="Expected"/> is the state the planner saw; apply re-reads the live state and
/// refuses the step when it no longer holds. <see cref="RuleId"/> is the rule whose decision the step carries out:
/// <c>iam-single-active-access-key</c> keeps <see cref="KeepKey"/> (never null then); <c>iam-access-key-unused</c> keeps
/// no key (<see cref="KeepKey"/> and <c>Expected.Keep</c> are null). <see cref="RuleIds"/> is every selected rule whose
/// finding the step resolves (one step per key, however many rules ask for it); null in plans written before the rule
/// family, which are all of the single-key rule. Older plans have no <c>ruleId</c>: they read as that rule's.
/// </summary>
public sealed record PlanStep(
    string StepId,
    string AccountId,
    string Partition,
    string User,
    string? Arn,
    string DeactivateKey,
    string? KeepKey,
    string? Classification,
    bool NeedsReview,
    bool RotateKeeper,
    IReadOnlyList<string> Reasons,
    ExpectedState Expected,
    string RuleId = PlanRules.SingleActiveKey,
    IReadOnlyList<string>? RuleIds = null)
{
    /// <summary>The rules the step resolves, for plans that do not list them (written before the rule family).</summary>
    public IReadOnlyList<string> ResolvedRules() => RuleIds ?? [RuleId];
}

/// <summary>The rules a plan has steps for: the ones whose remediation is deactivating a key.</summary>
public static class PlanRules
{
    public const string SingleActiveKey = "iam-single-active-access-key";
    public const string Unused = "iam-access-key-unused";

    public static readonly IReadOnlyList<string> Steps = [SingleActiveKey, Unused];
}

/// <summary>What the planner saw of the key to deactivate and of the key to keep (null when the step keeps none).</summary>
public sealed record ExpectedState(ExpectedKey Deactivate, ExpectedKey? Keep);

public sealed record ExpectedKey(string Key, string Status, string? LastUsedAt);

/// <summary>
/// A FAIL the plan does not act on, and why (needs review, no AWS account known, root, a rotation, a last key in use).
/// <see cref="RuleId"/>: the rule whose finding it is (null in plans written before the rule family: the single-key rule);
/// <see cref="Key"/>: the key a key-level rule's finding is about (null for principal-level findings).
/// </summary>
public sealed record PlanSkip(
    string? AccountId, string User, string? Classification, string? Keep, IReadOnlyList<string> Deactivate, string Reason,
    string? RuleId = null, string? Key = null);
