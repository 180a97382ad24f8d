using KeyWarden.Inventory;
using KeyWarden.Reports;

namespace KeyWarden.Remediation;

public enum PreconditionVerdict
{
    /// <summary>Every precondition holds: deactivate.</summary>
    Proceed,

    /// <summary>The key is already Inactive: nothing to send (applying twice changes nothing).</summary>
    AlreadyDone,

    /// <summary>A precondition failed: leave the key alone, exit 4.</summary>
    Skip,

    /// <summary>The live state could not be read: exit 3.</summary>
    Failed,
}

/// <summary>
/// The checks apply makes on freshly read state immediately before deactivating a key. Pure, so that
/// every case is a unit test; <see cref="Applier"/> only reads the state and acts on the verdict.
/// </summary>
public static class PreconditionCheck
{
    /// <summary>As below, for a caller known by one key id (or none).</summary>
    public static (PreconditionVerdict Verdict, string Reason) Evaluate(
        PlanStep step, PrincipalKeys? live, DateTimeOffset now, string? callerKeyId, ApplyOptions options, string? deactivateKeyOwner = null,
        int? inUseDays = null) =>
        Evaluate(step, live, now, callerKeyId is null ? [] : [callerKeyId], options, deactivateKeyOwner, inUseDays);

    /// <param name="callerKeyIds">Every key the running tool's credentials rest on (see AwsConnection.GetCallerAccessKeyIdsAsync).</param>
    /// <param name="deactivateKeyOwner">
    /// When the user's keys do not include the key to deactivate: the user IAM says the key belongs to
    /// (GetAccessKeyLastUsed), or null when IAM does not know the key either.
    /// </param>
    /// <param name="inUseDays">The plan's <c>--in-use-days</c>: a step that keeps no key (<c>iam-access-key-unused</c>) never
    /// deactivates the user's last Active key when it was used within that many days.</param>
    public static (PreconditionVerdict Verdict, string Reason) Evaluate(
        PlanStep step,
        PrincipalKeys? live,
        DateTimeOffset now,
        IReadOnlyCollection<string> callerKeyIds,
        ApplyOptions options,
        string? deactivateKeyOwner = null,
        int? inUseDays = null)
    {
        if (live is null)
        {
            return (PreconditionVerdict.Skip, $"user {step.User} no longer exists");
        }

        if (live.ReadError is { } error)
        {
            return (PreconditionVerdict.Failed, error);
        }

        var target = live.Keys.FirstOrDefault(k => k.Id == step.DeactivateKey);
        if (target is null)
        {
            // A key id that exists under another user: the plan's user and key do not go together (an edited plan,
            // a user renamed and another created under the old name). Never "no longer exists": it does.
            return deactivateKeyOwner is { } owner && !string.Equals(owner, step.User, StringComparison.Ordinal)
                ? (PreconditionVerdict.Skip, $"key {step.DeactivateKey} does not belong to user {step.User} (IAM lists it under user {owner}); re-plan")
                : (PreconditionVerdict.Skip, $"key {step.DeactivateKey} no longer exists");
        }

        if (target.Id is { } id && callerKeyIds.Contains(id))
        {
            return (PreconditionVerdict.Skip, $"key {step.DeactivateKey} is the access key keywarden is running with (directly or as the source of its assumed role); deactivating it would cut this run off");
        }

        if (!target.IsActive)
        {
            return (PreconditionVerdict.AlreadyDone, $"key {step.DeactivateKey} is already Inactive");
        }

        if (step.KeepKey is null)
        {
            return UnusedKey(step, live, target, now, options, inUseDays);
        }

        var keep = live.Keys.FirstOrDefault(k => k.Id == step.KeepKey);
        if (keep is not { IsActive: true })
        {
            return (PreconditionVerdict.Skip,
                $"kept key {step.KeepKey} is {(keep is null ? "gone" : "no longer Active")}: deactivating {step.DeactivateKey} would leave {step.User} without a working key");
        }

        if (options.AllowRecentlyUsed)
        {
            return (PreconditionVerdict.Proceed, "preconditions hold (recent use allowed by --allow-recently-used)");
        }

        if (target.LastUsedAt is { } used)
        {
            // The plan recorded the last use it saw; any later use means something still depends on the key.
            if (UsedSincePlan(step, used))
            {
                return (PreconditionVerdict.Skip,
                    $"key {step.DeactivateKey} was used at {Timestamps.Format(used)}, after the plan saw it (last use then: {step.Expected.Deactivate.LastUsedAt ?? "never"}); re-plan, or pass --allow-recently-used");
            }

            if (WithinRecentUseGuard(step, used, now, options) is { } recent)
            {
                return recent;
            }
        }

        return (PreconditionVerdict.Proceed, "preconditions hold");
    }

    /// <summary>A use later than the one the plan recorded (to the second, as plans write it; IAM may report a fraction).</summary>
    private static bool UsedSincePlan(PlanStep step, DateTimeOffset used)
    {
        var seen = step.Expected.Deactivate.LastUsedAt is { } e ? Timestamps.Parse(e) : null;
        return seen is null || Timestamps.WholeSeconds(used) > seen;
    }

    private static (PreconditionVerdict Verdict, string Reason)? WithinRecentUseGuard(PlanStep step, DateTimeOffset used, DateTimeOffset now, ApplyOptions options) =>
        now - used < options.RecentUseGuard
            ? (PreconditionVerdict.Skip,
                $"key {step.DeactivateKey} was used {(int)(now - used).TotalHours} h ago, within the {options.RecentUseGuard.TotalHours:0} h recent-use guard; pass --allow-recently-used to deactivate anyway")
            : null;

    /// <summary>
    /// A step of <c>iam-access-key-unused</c> (it keeps no key). The step rests on "nobody used this key": a use since the
    /// plan ends it, and <c>--allow-recently-used</c> does not override that (the key is no longer unused; re-plan). The
    /// user's last Active key is left alone when it was used within <c>--in-use-days</c> (the plan spares such a key; this
    /// catches the other key having been deactivated since the plan).
    /// </summary>
    private static (PreconditionVerdict Verdict, string Reason) UnusedKey(
        PlanStep step, PrincipalKeys live, AccessKey target, DateTimeOffset now, ApplyOptions options, int? inUseDays)
    {
        if (target.LastUsedAt is { } used)
        {
            if (UsedSincePlan(step, used))
            {
                return (PreconditionVerdict.Skip,
                    $"key {step.DeactivateKey} was used at {Timestamps.Format(used)}, after the plan saw it unused (last use then: {step.Expected.Deactivate.LastUsedAt ?? "never"}): it is no longer unused; re-plan");
            }

            var lastActive = live.Keys.All(k => k.Id == target.Id || !k.IsActive);
            if (lastActive && inUseDays is { } days && now - used <= TimeSpan.FromDays(days))
            {
                return (PreconditionVerdict.Skip,
                    $"key {step.DeactivateKey} is now the last Active key of {step.User} and was used within --in-use-days {days} (at {Timestamps.Format(used)}): never deactivated; re-plan");
            }

            if (!options.AllowRecentlyUsed && WithinRecentUseGuard(step, used, now, options) is { } recent)
            {
                return recent;
            }
        }

        return (PreconditionVerdict.Proceed, "preconditions hold (unused key; no key is kept)");
    }
}
