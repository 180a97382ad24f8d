namespace KeyWarden.Audit.Rules.MultipleActiveKeys;

/// <summary>
/// Chooses the one active key to keep, following the CIS procedure ("choose one access key that is less
/// than 90 days old … working … deactivate non-operational keys"): operational keys first, then keys
/// younger than the maximum age, then the most recently used (never used last), then the newest.
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
        var keep = ranked[0];
        var deactivate = ranked.Skip(1).ToList();

        var operationalCount = activeKeys.Count(k => k.IsOperational);
        var anyUsed = activeKeys.Any(k => k.Key.LastUsedAt is not null);
        var classification = Classify(activeKeys, anyUsed, operationalCount, parameters);

        var reasons = new List<string> { DescribeKeeper(keep, deactivate, parameters) };
        reasons.AddRange(deactivate.Select(k => DescribeDeactivated(k, parameters)));
        reasons.Add(Advice(classification, keep, deactivate, parameters));

        var decision = new KeepDecision(
            Keep: keep.Reference,
            Deactivate: deactivate.Select(k => k.Reference).ToList(),
            Reasons: reasons,
            RotateKeeper: !keep.IsYoungerThanMaxAge,
            NeedsReview: !anyUsed || operationalCount > 1);
        return (decision, classification);
    }

    // Checked in this order: no evidence trumps everything; a fresh rotation explains two keys in use.
    private static Classification Classify(
        IReadOnlyList<KeyEvidence> activeKeys, bool anyUsed, int operationalCount, AuditParameters parameters)
    {
        if (!anyUsed)
        {
            return Classification.NoUsageEvidence;
        }

        var newest = activeKeys.Where(k => k.Key.CreatedAt is not null).MaxBy(k => k.Key.CreatedAt);
        if (newest is not null
            && IsWithinGrace(newest, parameters)
            && activeKeys.Any(k => !ReferenceEquals(k, newest) && k.Key.CreatedAt < newest.Key.CreatedAt && k.IsOperational))
        {
            return Classification.RotationInProgress;
        }

        return operationalCount > 1 ? Classification.BothInUse : Classification.ForgottenKey;
    }

    private static bool IsWithinGrace(KeyEvidence key, AuditParameters parameters) =>
        key.AgeDays is { } age && age < parameters.RotationGraceDays;

    private static string DescribeKeeper(KeyEvidence keep, IReadOnlyList<KeyEvidence> others, AuditParameters parameters)
    {
        // The age criterion ranks before last use, so a key younger than the maximum age can be kept over
        // keys used more recently (or at all): say so instead of claiming it is the most recently used.
        var usedMoreRecently = others.Any(k => k.Key.LastUsedAt is { } used && (keep.Key.LastUsedAt is null || used > keep.Key.LastUsedAt));
        var usage = keep.IsOperational
            ? $"in use: {DescribeUse(keep)}, within the {parameters.InUseDays}-day in-use window"
            : !usedMoreRecently
                ? keep.Key.LastUsedAt is null
                    ? "no active key shows use, so the newest is kept"
                    : $"the most recently used key ({DescribeUse(keep)})"
                : $"no key is in use; it ranks first as younger than {parameters.MaxKeyAgeDays} days ({DescribeUse(keep)}), although another key was used more recently";
        var age = keep.IsYoungerThanMaxAge
            ? $"{DescribeAge(keep)}, younger than {parameters.MaxKeyAgeDays} days"
            : $"{DescribeAge(keep)}, not younger than {parameters.MaxKeyAgeDays} days: rotate it once the other keys are deactivated";
        return $"Keep {keep.Reference}: {usage}; {age}.";
    }

    private static string DescribeDeactivated(KeyEvidence key, AuditParameters parameters)
    {
        var usage = key.IsOperational
            ? $"still in use ({DescribeUse(key)}): find what uses it before deactivating"
            : key.Key.LastUsedAt is null
                ? "never used"
                : $"not used within {parameters.InUseDays} days ({DescribeUse(key)})";
        return $"Deactivate {key.Reference}: {usage}; {DescribeAge(key)}.";
    }

    private static string Advice(
        Classification classification, KeyEvidence keep, IReadOnlyList<KeyEvidence> deactivate, AuditParameters parameters) =>
        classification switch
        {
            Classification.NoUsageEvidence =>
                "No active key has ever been used: confirm with the key's owner which one is needed before deactivating.",
            Classification.RotationInProgress => RotationAdvice(keep, deactivate, parameters),
            Classification.BothInUse =>
                $"More than one key is in use: move the application using {string.Join(", ", deactivate.Select(k => k.Reference))} to {keep.Reference} before deactivating.",
            Classification.ForgottenKey =>
                $"The key(s) to deactivate are not in use: deactivating them should not affect any application.",
            _ => throw new ArgumentOutOfRangeException(nameof(classification), classification, null),
        };

    // The ranking keeps the key in use; in a rotation that may be the old key, so say what finishing the rotation means.
    private static string RotationAdvice(KeyEvidence keep, IReadOnlyList<KeyEvidence> deactivate, AuditParameters parameters)
    {
        var newest = deactivate.Append(keep).Where(k => k.Key.CreatedAt is not null).MaxBy(k => k.Key.CreatedAt)!;
        var others = string.Join(", ", deactivate.Append(keep).Where(k => !ReferenceEquals(k, newest)).Select(k => k.Reference));
        var header = $"A rotation looks in progress: {newest.Reference} is younger than {parameters.RotationGraceDays} days while {others} is still in use.";
        return ReferenceEquals(newest, keep)
            ? $"{header} Deactivating {others} completes the rotation once every application uses {newest.Reference}."
            : $"{header} If you are rotating, move applications to {newest.Reference} and deactivate {others} instead of this decision; otherwise {newest.Reference} is the spare key to deactivate.";
    }

    private static string DescribeUse(KeyEvidence key)
    {
        if (key.DaysSinceLastUse is not { } days)
        {
            return "never used";
        }

        var where = string.Join(", ", new[] { key.Key.LastUsedService, key.Key.LastUsedRegion }.Where(s => s is not null));
        var when = days switch { 0 => "last used today", 1 => "last used 1 day ago", _ => $"last used {days} days ago" };
        return where.Length > 0 ? $"{when} ({where})" : when;
    }

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
