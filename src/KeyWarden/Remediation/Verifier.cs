using KeyWarden.Aws;
using KeyWarden.Aws.Iam;

namespace KeyWarden.Remediation;

/// <summary>One user as ListAccessKeys shows it now: one the plan touched, or (verify --all) any other user of its accounts.</summary>
public sealed record VerifyResult(string AccountId, string User, string? KeepKey, IReadOnlyList<string> ActiveKeys, bool Passed, string Detail)
{
    /// <summary>Whether the plan or journal names this user; false for the other users verify --all reads.</summary>
    public bool Planned { get; init; } = true;

    /// <summary>What CIS asks about: still more than one Active key.</summary>
    public bool MoreThanOneActiveKey => ActiveKeys.Count > 1;

    /// <summary>For an <c>iam-access-key-unused</c> step (it keeps no key): the key that must be Inactive; null otherwise.</summary>
    public string? DeactivatedKey { get; init; }
}

/// <summary>
/// The user and key a verification expects to be the only one active (<see cref="KeepKey"/>), or, for a step of
/// <c>iam-access-key-unused</c> (keeps no key), the key that must no longer be Active (<see cref="DeactivatedKey"/>).
/// </summary>
public sealed record VerifyTarget(string AccountId, string User, string? KeepKey, string? DeactivatedKey = null);

/// <summary>
/// The CIS confirmation step: ListAccessKeys for every user the plan touched; a user passes when exactly one key is
/// Active. That is what CIS asks, so one Active key that is not the planned keeper (someone deactivated the keeper
/// by hand and kept the other) still passes, with a note naming the key: calling it FAIL would send people to fix a
/// compliant user. With every user (verify --all), the account's other users are read too (ListUsers): they pass with
/// at most one Active key. A step of <c>iam-access-key-unused</c> keeps no key: it passes when its key is no longer
/// Active, whatever other key the user keeps Active (that key is not this rule's concern).
/// </summary>
public sealed class Verifier(IIamClient iam)
{
    /// <summary>The row that stands for an account whose users could not be listed.</summary>
    public const string EveryUser = "(every user)";

    public static IReadOnlyList<VerifyTarget> TargetsOf(RemediationPlan plan) =>
        plan.Steps.Select(s => Target(s.AccountId, s.User, s.KeepKey, s.DeactivateKey)).Distinct().ToList();

    // A journal record without keepKeyId is an unused-key step's (every step of the single-key rule names its keeper).
    public static IReadOnlyList<VerifyTarget> TargetsOf(JournalState journal) =>
        journal.Records
            .Where(r => r.Type == JournalRecord.Intent || r.Type == JournalRecord.Outcome)
            .Where(r => r.Action == JournalRecord.Deactivate && r.AccountId is not null && r.User is not null && (r.KeepKeyId ?? r.KeyId) is not null)
            .Select(r => Target(r.AccountId!, r.User!, r.KeepKeyId, r.KeyId))
            .Distinct()
            .ToList();

    private static VerifyTarget Target(string accountId, string user, string? keepKey, string? deactivateKey) =>
        keepKey is not null ? new VerifyTarget(accountId, user, keepKey) : new VerifyTarget(accountId, user, null, deactivateKey);

    public async Task<IReadOnlyList<VerifyResult>> VerifyAsync(IReadOnlyList<VerifyTarget> targets, string accountId, CancellationToken cancellationToken)
    {
        var results = new List<VerifyResult>();
        foreach (var target in targets)
        {
            if (target.AccountId != accountId)
            {
                results.Add(new VerifyResult(target.AccountId, target.User, target.KeepKey, [], false,
                    $"not verified: the credentials are for account {accountId}"));
                continue;
            }

            try
            {
                var active = await ActiveKeysAsync(target.User, cancellationToken);
                results.Add(target.KeepKey is { } keep
                    ? new VerifyResult(target.AccountId, target.User, keep, active, active.Count == 1, PlannedDetail(active, keep))
                    : UnusedResult(target, active));
            }
            catch (Exception e) when (AwsErrorDescriber.Describe(e) is { } failure)
            {
                results.Add(new VerifyResult(target.AccountId, target.User, target.KeepKey, [], false, $"could not verify: {failure.OneLineMessage}"));
            }
        }

        return results;
    }

    /// <summary>
    /// Every user of the account (ListUsers): the plan's ones as <see cref="VerifyAsync"/> does, then each other user,
    /// who passes with at most one Active key. Users that the listing no longer shows but the plan names are still
    /// verified (ListAccessKeys says whether they are gone).
    /// </summary>
    public async Task<IReadOnlyList<VerifyResult>> VerifyEveryUserAsync(IReadOnlyList<VerifyTarget> targets, string accountId, CancellationToken cancellationToken)
    {
        var results = new List<VerifyResult>(await VerifyAsync(targets, accountId, cancellationToken));
        var planned = targets.Where(t => t.AccountId == accountId).Select(t => t.User).ToHashSet(StringComparer.Ordinal);
        var others = new List<string>();
        try
        {
            await foreach (var user in iam.ListAllUsersAsync(cancellationToken))
            {
                if (!planned.Contains(user.UserName))
                {
                    others.Add(user.UserName);
                }
            }
        }
        catch (Exception e) when (AwsErrorDescriber.Describe(e) is { } failure)
        {
            results.Add(new VerifyResult(accountId, EveryUser, null, [], false, $"could not list the account's users: {failure.OneLineMessage}") { Planned = false });
            return results;
        }

        foreach (var user in others.Order(StringComparer.Ordinal))
        {
            try
            {
                var active = await ActiveKeysAsync(user, cancellationToken);
                var detail = active.Count switch
                {
                    0 => "no key is Active",
                    1 => "one key is Active",
                    _ => $"{active.Count} keys are Active (not in the plan: audit and plan this user)",
                };
                results.Add(new VerifyResult(accountId, user, null, active, active.Count <= 1, detail) { Planned = false });
            }
            catch (Exception e) when (AwsErrorDescriber.Describe(e) is { } failure)
            {
                results.Add(new VerifyResult(accountId, user, null, [], false, $"could not verify: {failure.OneLineMessage}") { Planned = false });
            }
        }

        return results;
    }

    private async Task<List<string>> ActiveKeysAsync(string user, CancellationToken cancellationToken)
    {
        var active = new List<string>();
        await foreach (var key in iam.ListAllAccessKeysAsync(user, cancellationToken))
        {
            if (string.Equals(key.Status, "Active", StringComparison.OrdinalIgnoreCase))
            {
                active.Add(key.AccessKeyId);
            }
        }

        return active;
    }

    private static VerifyResult UnusedResult(VerifyTarget target, IReadOnlyList<string> active)
    {
        var key = target.DeactivatedKey!;
        var others = active.Where(k => k != key).ToList();
        var rest = others.Count == 0 ? "no other key is Active" : $"other Active key(s): {string.Join(", ", others)} (not this rule's concern)";
        var passed = !active.Contains(key);
        var detail = passed
            ? $"the unused key {key} is no longer Active; {rest}"
            : $"the unused key {key} is still Active; {rest}";
        return new VerifyResult(target.AccountId, target.User, null, active, passed, detail) { DeactivatedKey = key };
    }

    private static string PlannedDetail(IReadOnlyList<string> active, string keepKey) => active.Count switch
    {
        0 => "no key is Active",
        1 when active[0] == keepKey => "only the kept key is Active",
        1 => $"one key is Active: {active[0]}, not the planned keeper {keepKey} (CIS-compliant; make sure {active[0]} is the key in use)",
        _ when !active.Contains(keepKey) => $"{active.Count} keys are Active; the kept key {keepKey} is not one of them",
        _ => $"{active.Count} keys are Active",
    };
}
