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

    /// <summary>
    /// "used today", "used 3 d ago (s3, us-east-1)" or "never used": the one wording of a key's last use, shared by the
    /// terminal table and every reason and message, so a reader sees the same words for the same fact.
    /// </summary>
    public string LastUse
    {
        get
        {
            if (DaysSinceLastUse is not { } days)
            {
                return "never used";
            }

            var when = days == 0 ? "used today" : $"used {days.ToString(System.Globalization.CultureInfo.InvariantCulture)} d ago";
            var where = string.Join(", ", new[] { Key.LastUsedService, Key.LastUsedRegion }.Where(s => s is not null));
            return where.Length > 0 ? $"{when} ({where})" : when;
        }
    }
}
