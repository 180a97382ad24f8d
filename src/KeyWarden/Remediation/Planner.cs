using KeyWarden.Audit;
using KeyWarden.Inventory;
using KeyWarden.Reports;

namespace KeyWarden.Remediation;

/// <summary>
/// Turns an audit into a plan: one step per key to deactivate, for every FAIL whose decision does not need
/// review (those are listed as skipped, unless included on purpose). WARN (a rotation reported as a warning)
/// and MUTED findings are not acted on. Pure.
/// </summary>
public static class Planner
{
    public static RemediationPlan Plan(AuditReport report, ToolInfo tool, string planId, bool includeNeedsReview)
    {
        var document = ReportDocument.From(report, tool);
        // A credential report (a file, or the account's via --source credential-report) names keys by slot, not
        // id: such a plan is for review only, since apply could not tell which key a slot means by the time it runs.
        var offline = report.Sources.Any(s => s.Kind is SourceKind.CredentialReportFile or SourceKind.CredentialReport);
        var steps = new List<PlanStep>();
        var skipped = new List<PlanSkip>();

        foreach (var finding in report.Findings.Where(f => f.Status == FindingStatus.Fail && f.Decision is not null))
        {
            var decision = finding.Decision!;
            var classification = finding.Classification?.ToContractName();
            if (finding.AccountId is null || finding.Partition is null)
            {
                skipped.Add(new PlanSkip(finding.AccountId, finding.Principal, classification, decision.Keep, decision.Deactivate,
                    "the account is not known, so the key cannot be addressed"));
                continue;
            }

            if (finding.IsRoot)
            {
                // Root's keys can only be changed by root itself; IAM users and roles cannot address them.
                skipped.Add(new PlanSkip(finding.AccountId, finding.Principal, classification, decision.Keep, decision.Deactivate,
                    "root access keys can only be deactivated by signing in as root (Security credentials page)"));
                continue;
            }

            if (decision.NeedsReview && !includeNeedsReview)
            {
                skipped.Add(new PlanSkip(finding.AccountId, finding.Principal, classification, decision.Keep, decision.Deactivate,
                    "needs review: " + (classification == "no-usage-evidence"
                        ? "no active key was ever used, so nothing shows which one an application needs"
                        : "more than one key is in use, so deactivating may break a working application")
                    + " (plan with --include-needs-review to act anyway)"));
                continue;
            }

            var keep = finding.Keys.Single(k => k.Reference == decision.Keep);
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
                    Expected: new ExpectedState(Expected(key), Expected(keep))));
            }
        }

        var accounts = report.Sources
            .Where(s => s.AccountId is not null && s.Partition is not null)
            .Select(s => new PlanAccount(s.AccountId!, s.Partition!))
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

    private static ExpectedKey Expected(KeyEvidence key) =>
        new(key.Reference, key.Key.Status.ToString(), Timestamps.Format(key.Key.LastUsedAt));
}
