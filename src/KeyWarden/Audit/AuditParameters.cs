namespace KeyWarden.Audit;

/// <summary>
/// The thresholds and rules one audit runs with; echoed in every report so results can be reproduced. <see cref="Rules"/>
/// null means the default selection (every rule, or every rule of <see cref="Benchmark"/>); <see cref="Benchmark"/>
/// (<c>cis-6.0</c>) also limits the CIS ids the reports show to that version's.
/// </summary>
public sealed record AuditParameters(
    int MaxKeyAgeDays = 90,
    int InUseDays = 30,
    int RotationGraceDays = 7,
    bool TreatRotationAsWarning = false,
    int UnusedDays = 45,
    IReadOnlyList<string>? Rules = null,
    string? Benchmark = null)
{
    public TimeSpan MaxKeyAge => TimeSpan.FromDays(MaxKeyAgeDays);

    public TimeSpan InUseWindow => TimeSpan.FromDays(InUseDays);

    public TimeSpan RotationGrace => TimeSpan.FromDays(RotationGraceDays);

    // Value equality over the rule list too (a record compares lists by reference): two runs of one policy are equal.
    public bool Equals(AuditParameters? other) =>
        other is not null && MaxKeyAgeDays == other.MaxKeyAgeDays && InUseDays == other.InUseDays && RotationGraceDays == other.RotationGraceDays
        && TreatRotationAsWarning == other.TreatRotationAsWarning && UnusedDays == other.UnusedDays && Benchmark == other.Benchmark
        && (Rules ?? []).SequenceEqual(other.Rules ?? []) && (Rules is null) == (other.Rules is null);

    public override int GetHashCode() => HashCode.Combine(MaxKeyAgeDays, InUseDays, RotationGraceDays, TreatRotationAsWarning, UnusedDays, Benchmark, Rules?.Count);
}
