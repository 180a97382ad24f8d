using KeyWarden.Inventory;

namespace KeyWarden.Audit;

/// <summary>An access key as a finding shows it: the source's facts plus its age and usage as of the audit instant.</summary>
public sealed record KeyEvidence(
    AccessKey Key,
    int? AgeDays,
    int? DaysSinceLastUse,
    bool IsOperational,
    bool IsYoungerThanMaxAge)
{
    public string Reference => Key.Reference;
}
