using KeyWarden.Audit.Rules.MultipleActiveKeys;
using KeyWarden.Inventory;

namespace KeyWarden.Audit;

/// <summary>
/// Turns inventories into findings. Pure: the audit instant is passed in, so an old report can be
/// audited as of its own day and every result is reproducible.
/// </summary>
public static class Auditor
{
    public static AuditReport Audit(
        IReadOnlyList<AccountInventory> inventories,
        AuditParameters parameters,
        DateTimeOffset asOf,
        DateTimeOffset generatedAt)
    {
        var findings = inventories
            .SelectMany(inventory => inventory.Principals.Select(p => Evaluate(inventory.Source, p, parameters, asOf)))
            .ToList();
        return new AuditReport(generatedAt, asOf, parameters, inventories.Select(i => i.Source).ToList(), findings);
    }

    public static Finding Evaluate(SourceInfo source, PrincipalKeys principal, AuditParameters parameters, DateTimeOffset asOf)
    {
        var evidence = principal.Keys.Select(k => Evidence(k, parameters, asOf)).ToList();
        var active = evidence.Where(e => e.Key.IsActive).ToList();

        if (principal.ReadError is { } error)
        {
            return NewFinding(FindingStatus.Error, null, null, $"could not evaluate: {error}");
        }

        if (active.Count < 2)
        {
            var message = (active.Count, evidence.Count) switch
            {
                (1, _) => "1 active access key",
                (0, 0) => "no access keys",
                _ => "no active access keys",
            };
            return NewFinding(FindingStatus.Pass, null, null, message);
        }

        if (principal.IsRoot)
        {
            // Root has no key to keep: CIS wants none at all, so there is no keeper decision and nothing to plan.
            return NewFinding(FindingStatus.Fail, null, null, RootMessage(active));
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

        return NewFinding(status, classification, decision, summary);

        Finding NewFinding(FindingStatus status, Classification? classification, KeepDecision? decision, string message) => new(
            MultipleActiveKeysRule.Metadata.Id,
            source.AccountId,
            source.Partition,
            principal.Name,
            principal.Arn,
            principal.IsRoot,
            status,
            classification,
            principal.ActiveKeyCount,
            evidence,
            decision,
            message);
    }

    /// <summary>The CIS ids of "Ensure no 'root' user account access key exists", by benchmark version.</summary>
    public const string RootKeyCisIds = "CIS AWS Foundations 1.4 in v1.4.0–v4.0.x, 1.3 in v5.0.0, 2.3 in v6.0.0, 2.4 in v7.0.0";

    private static string RootMessage(IReadOnlyList<KeyEvidence> active)
    {
        var keys = string.Join("; ", active.OrderBy(k => k.Reference, StringComparer.Ordinal).Select(DescribeRootKey));
        return $"the root user has {active.Count} active access keys ({keys}). Root access keys should not exist at all "
            + $"(\"no root user access key\": {RootKeyCisIds}): move whatever uses them to an IAM role or user, then "
            + "deactivate and delete every root access key, signed in as root (Security credentials page). KeyWarden never plans root.";
    }

    private static string DescribeRootKey(KeyEvidence key)
    {
        var used = key.Key.LastUsedAt is { } u
            ? $"last used {Reports.Timestamps.Format(u)} ({Days(key.DaysSinceLastUse)} ago"
                + (key.Key.LastUsedService is { } svc ? $", {svc}" : string.Empty) + ")"
            : "never used";
        var created = key.AgeDays is { } age ? $"created {Days(age)} ago" : "creation date unknown";
        return $"{key.Reference}: {used}, {created}";
    }

    private static string Days(int? days) => days == 1 ? "1 day" : $"{days} days";

    public static KeyEvidence Evidence(AccessKey key, AuditParameters parameters, DateTimeOffset asOf)
    {
        var age = key.CreatedAt is { } created ? asOf - created : (TimeSpan?)null;
        var sinceUse = key.LastUsedAt is { } used ? asOf - used : (TimeSpan?)null;
        return new KeyEvidence(
            key,
            AgeDays: WholeDays(age),
            DaysSinceLastUse: WholeDays(sinceUse),
            IsOperational: sinceUse is { } s && s <= parameters.InUseWindow,
            IsYoungerThanMaxAge: age is { } a && a < parameters.MaxKeyAge);
    }

    // A timestamp slightly after the audit instant (clock skew, --as-of in the past) counts as day 0.
    private static int? WholeDays(TimeSpan? span) => span is { } s ? Math.Max(0, (int)Math.Floor(s.TotalDays)) : null;
}
