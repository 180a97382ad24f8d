namespace KeyWarden.Audit;

/// <summary>The thresholds one audit runs with; echoed in every report so results can be reproduced.</summary>
public sealed record AuditParameters(
    int MaxKeyAgeDays = 90,
    int InUseDays = 30,
    int RotationGraceDays = 7,
    bool TreatRotationAsWarning = false)
{
    public TimeSpan MaxKeyAge => TimeSpan.FromDays(MaxKeyAgeDays);

    public TimeSpan InUseWindow => TimeSpan.FromDays(InUseDays);

    public TimeSpan RotationGrace => TimeSpan.FromDays(RotationGraceDays);
}
