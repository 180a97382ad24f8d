using KeyWarden.Inventory;

namespace KeyWarden.Audit.Rules;

/// <summary>What every rule evaluates with: the run's thresholds and the audit instant (passed in, so results reproduce).</summary>
public sealed record RuleContext(AuditParameters Parameters, DateTimeOffset AsOf)
{
    /// <summary>A key's age and last use as of the audit instant, in whole days (every rule and writer reads these).</summary>
    public KeyEvidence Evidence(AccessKey key)
    {
        var age = key.CreatedAt is { } created ? AsOf - created : (TimeSpan?)null;
        var sinceUse = key.LastUsedAt is { } used ? AsOf - used : (TimeSpan?)null;
        return new KeyEvidence(
            key,
            AgeDays: WholeDays(age),
            DaysSinceLastUse: WholeDays(sinceUse),
            IsOperational: sinceUse is { } s && s <= Parameters.InUseWindow,
            IsYoungerThanMaxAge: age is { } a && a < Parameters.MaxKeyAge);
    }

    public IReadOnlyList<KeyEvidence> Evidence(PrincipalKeys principal) => principal.Keys.Select(Evidence).ToList();

    // A timestamp slightly after the audit instant (clock skew, --as-of in the past) counts as day 0.
    private static int? WholeDays(TimeSpan? span) => span is { } s ? Math.Max(0, (int)Math.Floor(s.TotalDays)) : null;
}
