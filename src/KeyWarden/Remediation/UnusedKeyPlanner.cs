using System.Globalization;
using KeyWarden.Audit;
using KeyWarden.Audit.Rules.AccessKeyUnused;

namespace KeyWarden.Remediation;

/// <summary>
/// <c>iam-access-key-unused</c>'s part of a plan: one step per Active key that FAILs the rule (unused for
/// <c>--unused-days</c>, or never used and that old), keeping no key. Added after the single-key rule's steps, so that:
/// <list type="bullet">
/// <item>a key both rules deactivate is one step (the single-key rule's, with its keeper; <c>ruleIds</c> names both);</item>
/// <item>the single-key rule's keeper is deactivated only when it is unused itself and so is every key that rule's steps
/// deactivate for the user: then every Active key of the user is unused, and the steps keep no key. A keeper that is
/// unused while the key the single-key rule deactivates is not stays (skipped): deactivating both would leave the user
/// with no key although one of them worked within <c>--unused-days</c>;</item>
/// <item>a key that would be the user's last Active key is never planned when it was used within <c>--in-use-days</c>.
/// A key that FAILs the rule was not used for <c>--unused-days</c>, so this can only happen when <c>--in-use-days</c> is at
/// least <c>--unused-days</c>; then the most recently used such key is spared (skipped) and the rest are planned.</item>
/// </list>
/// Pure: reads the findings, appends to the lists it is given.
/// </summary>
internal static class UnusedKeyPlanner
{
    private static readonly string Rule = AccessKeyUnusedRule.Metadata.Id;

    public static void Add(IReadOnlyList<Finding> findings, AuditParameters parameters, List<PlanStep> steps, List<PlanSkip> skipped)
    {
        foreach (var principal in findings.Where(f => f.RuleId == Rule && !f.IsRoot).GroupBy(f => (f.AccountId, f.Principal)))
        {
            var failing = principal.Where(f => f.Status == FindingStatus.Fail && f.Key is not null).ToList();
            if (failing.Count == 0)
            {
                continue;
            }

            var (accountId, user) = principal.Key;
            var sample = failing[0];
            if (accountId is null || sample.Partition is null)
            {
                skipped.AddRange(failing.Select(f => Skip(f, f.Key!, "the account is not known, so the key cannot be addressed")));
                continue;
            }

            // The rule has one finding per Active key (PASS, FAIL or ERROR): together they are every Active key of the user.
            var active = principal.SelectMany(f => f.Keys).Where(k => k.Key.IsActive).DistinctBy(k => k.Reference).ToList();
            var unused = failing.Select(f => f.Keys.Single(k => k.Reference == f.Key)).ToList();
            var unusedIds = unused.Select(k => k.Reference).ToHashSet(StringComparer.Ordinal);
            var userSteps = steps.Where(s => s.AccountId == accountId && s.User == user).ToList();

            var planned = new List<KeyEvidence>();
            foreach (var key in unused)
            {
                var keeping = userSteps.Where(s => s.KeepKey == key.Reference).ToList();
                if (keeping.Count > 0 && keeping.Any(s => !unusedIds.Contains(s.DeactivateKey)))
                {
                    var others = keeping.Where(s => !unusedIds.Contains(s.DeactivateKey)).ToList();
                    skipped.Add(Skip(failing.Single(f => f.Key == key.Reference), key.Reference,
                        $"{key.Reference} is unused, but it is the key iam-single-active-access-key keeps while step {string.Join(", ", others.Select(s => s.StepId))} "
                        + $"deactivates {string.Join(", ", others.Select(s => s.DeactivateKey))}, which was used within {parameters.UnusedDays} days: "
                        + $"deactivating both would leave {user} with no key; apply the plan, then re-plan"));
                    continue;
                }

                planned.Add(key);
            }

            var deactivatedBySingle = userSteps.Select(s => s.DeactivateKey).ToHashSet(StringComparer.Ordinal);
            var left = active.Count(k => !deactivatedBySingle.Contains(k.Reference) && planned.All(p => p.Reference != k.Reference));
            if (left == 0 && planned.Where(k => k.IsOperational).MaxBy(k => k.Key.LastUsedAt) is { } spare)
            {
                planned.Remove(spare);
                skipped.Add(Skip(failing.Single(f => f.Key == spare.Reference), spare.Reference,
                    $"{spare.Reference} is the last active key of {user} and was used within --in-use-days {parameters.InUseDays} "
                    + $"({spare.LastUse}): never deactivated "
                    + $"(--in-use-days is not below --unused-days {parameters.UnusedDays}, so an unused key can still count as in use)"));
            }

            foreach (var key in planned)
            {
                var finding = failing.Single(f => f.Key == key.Reference);
                var index = steps.FindIndex(s => s.AccountId == accountId && s.User == user && s.DeactivateKey == key.Reference);
                if (index >= 0)
                {
                    // The single-key rule deactivates this key already: one step, resolving both findings.
                    var existing = steps[index];
                    steps[index] = existing with { RuleIds = [.. existing.ResolvedRules(), Rule], Reasons = [.. existing.Reasons, finding.Message] };
                    continue;
                }

                steps.Add(new PlanStep(
                    StepId: (steps.Count + 1).ToString(CultureInfo.InvariantCulture),
                    AccountId: accountId,
                    Partition: finding.Partition!,
                    User: user,
                    Arn: finding.Arn,
                    DeactivateKey: key.Reference,
                    KeepKey: null,
                    Classification: null,
                    NeedsReview: false,
                    RotateKeeper: false,
                    Reasons: [finding.Message],
                    Expected: new ExpectedState(Planner.Expected(key), null),
                    RuleId: Rule,
                    RuleIds: [Rule]));
            }

            // A single-key step whose keeper is deactivated here keeps nothing: every Active key of the user is unused.
            var plannedIds = planned.Select(k => k.Reference).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                if (step.AccountId == accountId && step.User == user && step.KeepKey is { } keep && plannedIds.Contains(keep))
                {
                    steps[i] = step with
                    {
                        KeepKey = null,
                        Expected = step.Expected with { Keep = null },
                        RuleId = Rule,
                        Reasons = [.. step.Reasons, $"The kept key {keep} is unused too (step deactivating it: {steps.Single(s => s.AccountId == accountId && s.DeactivateKey == keep).StepId}): no key of {user} is kept."],
                    };
                }
            }
        }
    }

    private static PlanSkip Skip(Finding finding, string key, string reason) =>
        new(finding.AccountId, finding.Principal, null, null, [key], reason, Rule, key);
}
