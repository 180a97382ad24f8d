using KeyWarden.Audit;
using KeyWarden.Inventory;

namespace KeyWarden.Tests.Audit;

/// <summary>Builds access keys relative to a fixed audit instant, so no test depends on today's date.</summary>
internal static class AuditCases
{
    public static readonly DateTimeOffset AsOf = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly SourceInfo Source = new("123456789012", "aws", SourceKind.CredentialReportFile, AsOf);

    public static TimeSpan Days(double days) => TimeSpan.FromDays(days);

    /// <summary>A key created <paramref name="age"/> before the audit instant, last used <paramref name="sinceUse"/> before it (null: never).</summary>
    public static AccessKey Key(
        int slot, TimeSpan? age, TimeSpan? sinceUse, KeyStatus status = KeyStatus.Active, string? id = null,
        string? service = null, string? region = null) =>
        new(id, slot, status, AsOf - age, AsOf - sinceUse, sinceUse is null ? null : service, sinceUse is null ? null : region);

    public static AccessKey Key(int slot, double? ageDays, double? usedDaysAgo, KeyStatus status = KeyStatus.Active) =>
        Key(slot, ageDays is { } a ? Days(a) : null, usedDaysAgo is { } u ? Days(u) : null, status);

    public static PrincipalKeys User(params AccessKey[] keys) =>
        new("alice", "arn:aws:iam::123456789012:user/alice", false, keys);

    public static Finding Evaluate(AuditParameters parameters, params AccessKey[] keys) =>
        Auditor.Evaluate(Source, User(keys), parameters, AsOf);

    public static Finding Evaluate(params AccessKey[] keys) => Evaluate(new AuditParameters(), keys);
}
