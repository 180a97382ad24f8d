using System.Globalization;
using KeyWarden.Audit;

namespace KeyWarden.Reports;

/// <summary>Plain-text renderings of a finding's evidence shared by the formats that carry free text (JUnit, ASFF).</summary>
public static class FindingText
{
    /// <summary>One line per key: reference, status, creation and age, last use, and what the decision does with it.</summary>
    public static string Key(KeyEvidence key, Finding finding)
    {
        var created = key.Key.CreatedAt is { } c ? $"created {Timestamps.Format(c)} ({Days(key.AgeDays)})" : "creation date unknown";
        var used = key.Key.LastUsedAt is { } u
            ? $"last used {Timestamps.Format(u)} ({Days(key.DaysSinceLastUse)} ago)"
                + (key.Key.LastUsedService is { } svc ? $" {svc}" : string.Empty)
                + (key.Key.LastUsedRegion is { } region ? $" {region}" : string.Empty)
            : "never used";
        var action = KeyAction.Of(key, finding.Decision) is { } a ? $" -> {a}" : string.Empty;
        return $"{key.Reference} {key.Key.Status}, {created}, {used}{action}";
    }

    public static string Days(int? days) => days switch
    {
        null => "? days",
        1 => "1 day",
        _ => $"{days.Value.ToString(CultureInfo.InvariantCulture)} days",
    };

    /// <summary>At most <paramref name="max"/> characters, cut with an ellipsis: Security Hub rejects longer fields.</summary>
    public static string Truncate(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
