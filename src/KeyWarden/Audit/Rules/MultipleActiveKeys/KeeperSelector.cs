using System.Globalization;
using KeyWarden.Reports;

namespace KeyWarden.Audit.Rules.MultipleActiveKeys;

/// <summary>
/// Chooses the one active key to keep, following the CIS procedure ("choose one access key that is less
/// than 90 days old … working … deactivate non-operational keys"): operational keys first, then keys
/// younger than the maximum age, then the most recently used (never used last), then the newest.
/// Two cases leave that ranking: a rotation in progress keeps the NEW key (the decision describes completing
/// the rotation, which is never planned by default), and when the ranking's keeper is not in use while a key
/// to deactivate worked more recently, the decision stands but needs review: the key that last worked is never
/// deactivated without a person's say.
/// </summary>
public static class KeeperSelector
{
    public static (KeepDecision Decision, Classification Classification) Decide(
        IReadOnlyList<KeyEvidence> activeKeys, AuditParameters parameters)
    {
        if (activeKeys.Count < 2)
        {
            throw new ArgumentException("a keeper decision needs at least two active keys", nameof(activeKeys));
        }

        var ranked = activeKeys.Order(KeeperOrder.Instance).ToList();
        var operationalCount = activeKeys.Count(k => k.IsOperational);
        var anyUsed = activeKeys.Any(k => k.Key.LastUsedAt is not null);
        var rotationNewKey = RotationNewKey(activeKeys, anyUsed, parameters);
        var classification = rotationNewKey is not null
            ? Classification.RotationInProgress
            : !anyUsed ? Classification.NoUsageEvidence
            : operationalCount > 1 ? Classification.BothInUse
            : Classification.ForgottenKey;

        // Completing a rotation means keeping the new key, whatever the ranking says about the old one in use.
        var keep = rotationNewKey ?? ranked[0];
        var deactivate = ranked.Where(k => !ReferenceEquals(k, keep)).ToList();
        var workedLast = keep.IsOperational ? null : deactivate.Where(k => UsedMoreRecently(k, keep)).MaxBy(k => k.Key.LastUsedAt);
        // Saturating: a key "created" on 9999-12-30 (an offline file's date) has no representable grace end past the calendar.
        var graceEndsAt = rotationNewKey?.Key.CreatedAt is { } created
            ? (created > DateTimeOffset.MaxValue - parameters.RotationGrace ? DateTimeOffset.MaxValue : created + parameters.RotationGrace)
            : (DateTimeOffset?)null;

        var reviewReason = classification switch
        {
            Classification.RotationInProgress =>
                $"rotation in progress; re-plan after {Timestamps.Format(graceEndsAt)}",
            Classification.NoUsageEvidence => "no active key was ever used, so nothing shows which one an application needs",
            Classification.BothInUse => "more than one key is in use, so deactivating may break a working application",
            _ when workedLast is not null =>
                $"{workedLast.Reference} worked last ({DescribeLastUse(workedLast)}), more recently than the kept key {keep.Reference} ({DescribeLastUse(keep)})",
            _ => null,
        };

        var reasons = new List<string> { DescribeKeeper(keep, deactivate, classification, parameters) };
        reasons.AddRange(deactivate.Select(k => DescribeDeactivated(k, classification, keep, parameters)));
        reasons.Add(Advice(classification, keep, deactivate, workedLast, graceEndsAt, parameters));

        var decision = new KeepDecision(
            Keep: keep.Reference,
            Deactivate: deactivate.Select(k => k.Reference).ToList(),
            Reasons: reasons,
            RotateKeeper: !keep.IsYoungerThanMaxAge,
            NeedsReview: reviewReason is not null,
            ReviewReason: reviewReason,
            RotationGraceEndsAt: graceEndsAt);
        return (decision, classification);
    }

    /// <summary>
    /// The new key of a rotation in progress: the newest key is younger than the grace period while an older key
    /// is still in use. Null when there is no rotation (no key was ever used: nothing to rotate from).
    /// </summary>
    private static KeyEvidence? RotationNewKey(IReadOnlyList<KeyEvidence> activeKeys, bool anyUsed, AuditParameters parameters)
    {
        if (!anyUsed)
        {
            return null;
        }

        var newest = activeKeys.Where(k => k.Key.CreatedAt is not null).MaxBy(k => k.Key.CreatedAt);
        return newest is not null
            && IsWithinGrace(newest, parameters)
            && activeKeys.Any(k => !ReferenceEquals(k, newest) && k.Key.CreatedAt < newest.Key.CreatedAt && k.IsOperational)
            ? newest
            : null;
    }

    private static bool UsedMoreRecently(KeyEvidence key, KeyEvidence than) =>
        key.Key.LastUsedAt is { } used && (than.Key.LastUsedAt is not { } other || used > other);

    private static bool IsWithinGrace(KeyEvidence key, AuditParameters parameters) =>
        key.AgeDays is { } age && age < parameters.RotationGraceDays;

    private static string DescribeKeeper(
        KeyEvidence keep, IReadOnlyList<KeyEvidence> others, Classification classification, AuditParameters parameters)
    {
        // The age criterion ranks before last use, so a key younger than the maximum age can be kept over
        // keys used more recently (or at all): say so instead of claiming it is the most recently used.
        var usedMoreRecently = others.Any(k => UsedMoreRecently(k, keep));
        var usage = classification == Classification.RotationInProgress
            ? keep.IsOperational
                ? $"the new key of a rotation in progress, already in use: {keep.LastUse}"
                : $"the new key of a rotation in progress, not in use yet ({keep.LastUse})"
            : keep.IsOperational
                ? $"in use: {keep.LastUse}, within the {parameters.InUseDays}-day in-use window"
                : !usedMoreRecently
                    ? keep.Key.LastUsedAt is null
                        ? "no active key shows use, so the newest is kept"
                        : $"the most recently used key ({keep.LastUse})"
                    : $"no key is in use; it ranks first as younger than {parameters.MaxKeyAgeDays} days ({keep.LastUse}), although another key was used more recently";
        var age = keep.IsYoungerThanMaxAge
            ? $"{DescribeAge(keep)}, younger than {parameters.MaxKeyAgeDays} days"
            : $"{DescribeAge(keep)}, not younger than {parameters.MaxKeyAgeDays} days: rotate it once the other keys are deactivated";
        return $"Keep {keep.Reference}: {usage}; {age}.";
    }

    private static string DescribeDeactivated(KeyEvidence key, Classification classification, KeyEvidence keep, AuditParameters parameters)
    {
        var usage = key.IsOperational
            ? classification == Classification.RotationInProgress
                ? $"the key being rotated out, still in use ({key.LastUse}): move every application to {keep.Reference} first"
                : $"still in use ({key.LastUse}): find what uses it before deactivating"
            : key.Key.LastUsedAt is null
                ? "never used"
                : $"not used within {parameters.InUseDays} days ({key.LastUse})";
        return $"Deactivate {key.Reference}: {usage}; {DescribeAge(key)}.";
    }

    private static string Advice(
        Classification classification,
        KeyEvidence keep,
        IReadOnlyList<KeyEvidence> deactivate,
        KeyEvidence? workedLast,
        DateTimeOffset? graceEndsAt,
        AuditParameters parameters) =>
        classification switch
        {
            Classification.NoUsageEvidence =>
                "No active key has ever been used: confirm with the key's owner which one is needed before deactivating.",
            Classification.RotationInProgress => RotationAdvice(keep, deactivate, graceEndsAt, parameters),
            Classification.BothInUse =>
                $"More than one key is in use: move the application using {string.Join(", ", deactivate.Select(k => k.Reference))} to {keep.Reference} before deactivating.",
            Classification.ForgottenKey when workedLast is not null =>
                $"Needs review: {workedLast.Reference} worked last ({DescribeLastUse(workedLast)}), more recently than the kept key "
                + $"{keep.Reference} ({DescribeLastUse(keep)}), and no key is in use within {parameters.InUseDays} days. Deactivating "
                + $"{workedLast.Reference} may break whatever used it: confirm with the key's owner which key is needed "
                + $"(or keep {workedLast.Reference} and rotate it) before deactivating.",
            Classification.ForgottenKey =>
                "The key(s) to deactivate are not in use: deactivating them should not affect any application.",
            _ => throw new ArgumentOutOfRangeException(nameof(classification), classification, null),
        };

    // A rotation is someone's work in progress: describe how to finish it, never plan it by default.
    private static string RotationAdvice(
        KeyEvidence newKey, IReadOnlyList<KeyEvidence> others, DateTimeOffset? graceEndsAt, AuditParameters parameters)
    {
        var old = string.Join(", ", others.Select(k => k.Reference));
        var header = $"Rotation in progress; re-plan after {Timestamps.Format(graceEndsAt)}: {newKey.Reference} is younger than "
            + $"{parameters.RotationGraceDays} days while {old} is still in use, so KeyWarden does not plan it.";
        return newKey.IsOperational
            ? $"{header} {newKey.Reference} is already in use: once every application uses it, deactivating {old} completes the rotation "
                + "(plan --include-rotations plans exactly that)."
            : $"{header} {newKey.Reference} is not in use yet: move applications to it; plan --include-rotations completes the rotation "
                + $"(deactivates {old}) only once {newKey.Reference} itself is in use.";
    }

    /// <summary>"used 40 d ago (s3) on 2026-04-22" or "never used": the date a reviewer can check in CloudTrail.</summary>
    private static string DescribeLastUse(KeyEvidence key) =>
        key.Key.LastUsedAt is { } used && key.DaysSinceLastUse is not null
            ? $"{key.LastUse} on {used.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
            : "never used";

    private static string DescribeAge(KeyEvidence key) =>
        key.AgeDays is { } age ? (age == 1 ? "created 1 day ago" : $"created {age} days ago") : "creation date unknown";

    /// <summary>The CIS ranking as a comparer; a total order so that ties resolve the same way every run.</summary>
    private sealed class KeeperOrder : IComparer<KeyEvidence>
    {
        public static readonly KeeperOrder Instance = new();

        public int Compare(KeyEvidence? x, KeyEvidence? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);

            var byOperational = y.IsOperational.CompareTo(x.IsOperational);
            if (byOperational != 0)
            {
                return byOperational;
            }

            var byAge = y.IsYoungerThanMaxAge.CompareTo(x.IsYoungerThanMaxAge);
            if (byAge != 0)
            {
                return byAge;
            }

            var byLastUse = CompareNewestFirst(x.Key.LastUsedAt, y.Key.LastUsedAt);
            if (byLastUse != 0)
            {
                return byLastUse;
            }

            var byCreation = CompareNewestFirst(x.Key.CreatedAt, y.Key.CreatedAt);
            return byCreation != 0 ? byCreation : string.CompareOrdinal(x.Reference, y.Reference);
        }

        // Later dates rank first; a missing date ranks after any date.
        private static int CompareNewestFirst(DateTimeOffset? x, DateTimeOffset? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => y.Value.CompareTo(x.Value),
        };
    }
}
