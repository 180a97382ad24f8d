using KeyWarden.Aws;
using KeyWarden.Aws.Iam;

namespace KeyWarden.Remediation;

/// <summary>One user the plan touched, as ListAccessKeys shows it now.</summary>
public sealed record VerifyResult(string AccountId, string User, string KeepKey, IReadOnlyList<string> ActiveKeys, bool Passed, string Detail);

/// <summary>The user and key a verification expects to be the only one active.</summary>
public sealed record VerifyTarget(string AccountId, string User, string KeepKey);

/// <summary>
/// The CIS confirmation step: ListAccessKeys for every user the plan touched; a user passes when exactly one
/// key is Active and it is the kept one.
/// </summary>
public sealed class Verifier(IIamClient iam)
{
    public static IReadOnlyList<VerifyTarget> TargetsOf(RemediationPlan plan) =>
        plan.Steps.Select(s => new VerifyTarget(s.AccountId, s.User, s.KeepKey)).Distinct().ToList();

    public static IReadOnlyList<VerifyTarget> TargetsOf(JournalState journal) =>
        journal.Records
            .Where(r => r.Type == JournalRecord.Intent || r.Type == JournalRecord.Outcome)
            .Where(r => r.Action == JournalRecord.Deactivate && r.AccountId is not null && r.User is not null && r.KeepKeyId is not null)
            .Select(r => new VerifyTarget(r.AccountId!, r.User!, r.KeepKeyId!))
            .Distinct()
            .ToList();

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
                var active = new List<string>();
                await foreach (var key in iam.ListAllAccessKeysAsync(target.User, cancellationToken))
                {
                    if (string.Equals(key.Status, "Active", StringComparison.OrdinalIgnoreCase))
                    {
                        active.Add(key.AccessKeyId);
                    }
                }

                var passed = active.Count == 1 && active[0] == target.KeepKey;
                var detail = passed ? "only the kept key is Active"
                    : active.Count == 0 ? "no key is Active"
                    : !active.Contains(target.KeepKey) ? $"the kept key {target.KeepKey} is not Active"
                    : $"{active.Count} keys are Active";
                results.Add(new VerifyResult(target.AccountId, target.User, target.KeepKey, active, passed, detail));
            }
            catch (Exception e) when (AwsErrorDescriber.Describe(e) is { } failure)
            {
                results.Add(new VerifyResult(target.AccountId, target.User, target.KeepKey, [], false, $"could not verify: {failure.OneLineMessage}"));
            }
        }

        return results;
    }
}
