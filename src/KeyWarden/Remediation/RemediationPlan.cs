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
/// refuses the step when it no longer holds.
/// </summary>
public sealed record PlanStep(
    string StepId,
    string AccountId,
    string Partition,
    string User,
    string? Arn,
    string DeactivateKey,
    string KeepKey,
    string? Classification,
    bool NeedsReview,
    bool RotateKeeper,
    IReadOnlyList<string> Reasons,
    ExpectedState Expected);

public sealed record ExpectedState(ExpectedKey Deactivate, ExpectedKey Keep);

public sealed record ExpectedKey(string Key, string Status, string? LastUsedAt);

/// <summary>A FAIL the plan does not act on, and why (needs review, no AWS account known).</summary>
public sealed record PlanSkip(string? AccountId, string User, string? Classification, string? Keep, IReadOnlyList<string> Deactivate, string Reason);
