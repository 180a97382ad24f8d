using KeyWarden.Audit;
using KeyWarden.Audit.Rules.AccessKeyRotation;
using KeyWarden.Audit.Rules.MultipleActiveKeys;
using KeyWarden.Inventory;
using KeyWarden.Reports;

namespace KeyWarden.Remediation;

/// <summary>
/// Turns an audit into a plan: one step per key to deactivate, for every FAIL whose decision does not need
/// review. Decisions that need a person are listed in skipped[] with the reason: needs review (unless
/// <c>includeNeedsReview</c>), a rotation in progress (always, unless <c>includeRotations</c> and the new key is
/// itself in use: then the plan completes the rotation), root (always). MUTED findings are not acted on.
/// <para>
/// With <c>iam-access-key-unused</c> in the audit, each Active key that FAILs it becomes a step that keeps no key
/// (<see cref="UnusedKeyPlanner"/>); a key both rules would deactivate is one step. <c>iam-access-key-rotation</c>
/// FAILs are listed in skipped[]: rotating needs a new key, which KeyWarden does not create. Pure.
/// </para>
/// </summary>
public static class Planner
{
    private static readonly string SingleRule = MultipleActiveKeysRule.Metadata.Id;

    public static RemediationPlan Plan(
        AuditReport report, ToolInfo tool, string planId, bool includeNeedsReview, bool includeRotations = false)
    {
        var document = ReportDocument.From(report, tool);
        // A credential report (a file, or the account's via --source credential-report) names keys by slot, not
        // id: such a plan is for review only, since apply could not tell which key a slot means by the time it runs.
        var offline = report.Sources.Any(s => s.Kind is SourceKind.CredentialReportFile or SourceKind.CredentialReport);
        var steps = new List<PlanStep>();
        var skipped = new List<PlanSkip>();

        // A rotation reported as WARN (--treat-rotation-as-warning) is still a rotation: listed, and planned only on request.
        foreach (var finding in report.Findings.Where(f => f.Status == FindingStatus.Fail
                     || (f.Status == FindingStatus.Warn && f.Classification == Classification.RotationInProgress)))
        {
            var classification = finding.Classification?.ToContractName();
            if (finding.IsRoot)
            {
                // Root's keys should not exist at all, and only root itself can change them; IAM users and roles cannot.
                // Whichever rule found them (the single-key rule, iam-root-access-key), each rule's FAIL is listed.
                var active = finding.Keys.Where(k => k.Key.IsActive).Select(k => k.Reference).ToList();
                skipped.Add(new PlanSkip(finding.AccountId, finding.Principal, classification, finding.Decision?.Keep,
                    finding.Decision?.Deactivate ?? active,
                    "root access keys should not exist at all (CIS \"no root user access key\"); only root can deactivate them: "
                    + "move what uses them to an IAM role or user, then deactivate and delete them signed in as root (Security credentials page)",
                    finding.RuleId));
                continue;
            }

            if (finding.RuleId == AccessKeyRotationRule.Metadata.Id)
            {
                skipped.Add(new PlanSkip(finding.AccountId, finding.Principal, classification, Keep: null, Deactivate: [],
                    AccessKeyRotationRule.NotPlannedReason, finding.RuleId, finding.Key));
                continue;
            }

            if (finding.RuleId != SingleRule || finding.Decision is not { } decision)
            {
                continue; // iam-access-key-unused: planned per principal below, once every key-level finding is known
            }

            if (finding.AccountId is null || finding.Partition is null)
            {
                skipped.Add(new PlanSkip(finding.AccountId, finding.Principal, classification, decision.Keep, decision.Deactivate,
                    "the account is not known, so the key cannot be addressed", finding.RuleId));
                continue;
            }

            var keep = finding.Keys.Single(k => k.Reference == decision.Keep);
            if (finding.Classification == Classification.RotationInProgress)
            {
                if (RotationSkipReason(decision, keep, includeRotations) is { } rotationReason)
                {
                    skipped.Add(new PlanSkip(finding.AccountId, finding.Principal, classification, decision.Keep, decision.Deactivate, rotationReason, finding.RuleId));
                    continue;
                }
            }
            else if (decision.NeedsReview && !includeNeedsReview)
            {
                skipped.Add(new PlanSkip(finding.AccountId, finding.Principal, classification, decision.Keep, decision.Deactivate,
                    "needs review: " + (decision.ReviewReason ?? "deactivating may break a working application")
                    + " (plan with --include-needs-review to act anyway)", finding.RuleId));
                continue;
            }

            foreach (var reference in decision.Deactivate)
            {
                var key = finding.Keys.Single(k => k.Reference == reference);
                steps.Add(new PlanStep(
                    StepId: (steps.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    AccountId: finding.AccountId,
                    Partition: finding.Partition,
                    User: finding.Principal,
                    Arn: finding.Arn,
                    DeactivateKey: reference,
                    KeepKey: decision.Keep,
                    Classification: classification,
                    NeedsReview: decision.NeedsReview,
                    RotateKeeper: decision.RotateKeeper,
                    Reasons: decision.Reasons,
                    Expected: new ExpectedState(Expected(key), Expected(keep)),
                    RuleId: SingleRule,
                    RuleIds: [SingleRule]));
            }
        }

        UnusedKeyPlanner.Add(report.Findings, report.Parameters, steps, skipped);

        var accounts = report.Sources
            .Where(s => s.AccountId is not null && s.Partition is not null)
            .Select(s => new PlanAccount(s.AccountId!, s.Partition!, s.RoleArn))
            .Distinct()
            .ToList();

        return new RemediationPlan(
            RemediationPlan.CurrentSchemaVersion,
            RemediationPlan.PlanKind,
            planId,
            document.Tool,
            document.GeneratedAt,
            document.AsOf,
            document.Parameters,
            offline,
            accounts,
            document.Sources,
            steps,
            skipped);
    }

    // The decision of a rotation keeps the new key; completing it is planned only on request and only once the new
    // key itself is in use, so no application is left on a key being deactivated with nothing working to move to.
    private static string? RotationSkipReason(KeepDecision decision, KeyEvidence newKey, bool includeRotations)
    {
        var reason = $"rotation in progress; re-plan after {Timestamps.Format(decision.RotationGraceEndsAt) ?? "the grace period"}";
        if (!includeRotations)
        {
            // Exactly this text: docs/remediation.md documents it, scripts may match it.
            return reason;
        }

        return newKey.IsOperational
            ? null
            : $"{reason} (the new key {newKey.Reference} is not in use yet, so --include-rotations does not complete the rotation)";
    }

    internal static ExpectedKey Expected(KeyEvidence key) =>
        new(key.Reference, key.Key.Status.ToString(), Timestamps.Format(key.Key.LastUsedAt));
}
