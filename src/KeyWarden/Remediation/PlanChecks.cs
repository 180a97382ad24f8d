using System.Globalization;
using KeyWarden.Reports;

namespace KeyWarden.Remediation;

/// <summary>
/// What apply checks about the plan as a whole before any change: which steps this run carries out
/// (<c>--principal</c>, <c>--step</c>), that the plan is not older than <c>--max-plan-age</c>, and that it is for the
/// partition the credentials are in. Pure: each returns the refusal as one line, or null.
/// </summary>
public static class PlanChecks
{
    public const string DefaultMaxPlanAge = "7d";

    /// <summary>Parses <c>36h</c> or <c>7d</c> (a whole, positive number of hours or days).</summary>
    public static TimeSpan? ParseAge(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length < 2 || !int.TryParse(trimmed[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            return null;
        }

        // At most 100 years: TimeSpan.FromDays(int.MaxValue) overflows, and an age is never that long.
        return char.ToLowerInvariant(trimmed[^1]) switch
        {
            'h' when count <= 876_000 => TimeSpan.FromHours(count),
            'd' when count <= 36_500 => TimeSpan.FromDays(count),
            _ => null,
        };
    }

    /// <summary>The plan with only the steps the globs and ids select (all of them when both are empty), or why not.</summary>
    private static readonly StepSelectionWording StepWording = new(
        UnknownStep: "no such step in the plan",
        KnownSteps: "its steps",
        UnmatchedPrincipal: "matches no step's user",
        NoneMatchBoth: "--principal and --step together select no step (a step must match both)");

    public static (RemediationPlan? Plan, string? Error) Select(RemediationPlan plan, IReadOnlyCollection<string> principals, IReadOnlyCollection<string> stepIds)
    {
        if (principals.Count == 0 && stepIds.Count == 0)
        {
            return (plan, null);
        }

        var (selected, error) = StepSelection.Select(plan.Steps, s => s.User, s => s.StepId, principals, stepIds, StepWording);
        return selected is null ? (null, error) : (plan with { Steps = selected }, null);
    }

    /// <summary>Refuses a plan made longer ago than <paramref name="maxAge"/>: the state it was reviewed against has likely moved on.</summary>
    public static string? CheckAge(RemediationPlan plan, DateTimeOffset now, TimeSpan maxAge, string maxAgeText)
    {
        if (Timestamps.Parse(plan.CreatedAt) is not { } created)
        {
            return $"the plan's createdAt '{plan.CreatedAt}' is not a timestamp";
        }

        var age = now - created;
        return age > maxAge
            ? $"the plan was made {FormatAge(age)} ago ({plan.CreatedAt}), more than --max-plan-age {maxAgeText}: re-plan and review it again, or pass a larger --max-plan-age. Nothing was changed"
            : null;
    }

    /// <summary>Refuses a plan whose account is in another partition than the credentials (the caller ARN's partition).</summary>
    public static string? CheckPartition(RemediationPlan plan, string accountId, string callerArn)
    {
        var callerPartition = PartitionOf(callerArn);
        var planPartition = plan.Accounts.FirstOrDefault(a => a.AccountId == accountId)?.Partition;
        if (callerPartition is null || planPartition is null || callerPartition == planPartition)
        {
            return null;
        }

        return $"the plan is for account {accountId} in partition {planPartition}; the credentials ({callerArn}) are in partition {callerPartition}. Nothing was changed";
    }

    /// <summary>The partition of an ARN (<c>arn:PARTITION:service:…</c>), or null when it is not an ARN.</summary>
    public static string? PartitionOf(string arn)
    {
        var parts = arn.Split(':');
        return parts.Length >= 6 && parts[0] == "arn" && parts[1].Length > 0 ? parts[1] : null;
    }

    internal static string FormatAge(TimeSpan age) =>
        age.TotalDays >= 1
            ? $"{(int)age.TotalDays}d {age.Hours}h"
            : $"{(int)age.TotalHours}h {age.Minutes}m";
}
