using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.Aws.Sts;

namespace KeyWarden.Inventory;

/// <summary>
/// Every user read live: ListUsers (1,000 a page), then ListAccessKeys per user with bounded concurrency, and
/// GetAccessKeyLastUsed for the keys of users with more than one active key (every key with <see cref="LastUseEvidence.All"/>):
/// 1 + U + 2V calls for U users and V offenders, plus STS and GetAccountSummary. Fully fresh, more calls than auto.
/// <c>--principal</c> is applied to the listed users before their keys are read. The IAM API never shows root's keys, so root is only
/// mentioned in a note when GetAccountSummary says it has keys.
/// </summary>
public sealed class LiveInventorySource(
    IIamClient iam, ICallerIdentityClient sts, int maxConcurrency, TimeProvider clock, string? location,
    LastUseEvidence evidence = LastUseEvidence.Needed, PrincipalFilter? filter = null) : IInventorySource
{
    private readonly PrincipalFilter _filter = filter ?? PrincipalFilter.Everyone;

    public async Task<IReadOnlyList<AccountInventory>> ReadAsync(CancellationToken cancellationToken)
    {
        var inventory = await AwsAccountRead.GuardAsync(sts, SourceKind.Live, location, async identity =>
        {
            var startedAt = clock.GetUtcNow();
            var users = new List<User>();
            var listedAny = false;
            await foreach (var user in iam.ListAllUsersAsync(cancellationToken))
            {
                listedAny = true;
                if (_filter.Includes(user.UserName))
                {
                    users.Add(user);
                }
            }

            var reader = new LiveKeyReader(iam);
            var read = await BoundedAsync.MapAsync(users, maxConcurrency, (user, ct) => reader.ReadAsync(user.UserName, user.Arn, evidence, ct), cancellationToken);

            var notes = new List<string>();
            notes.AddRange(users.Zip(read).Where(p => p.Second is null).Select(p => $"user {p.First.UserName} was deleted while being read; skipped"));
            notes.AddRange(await RootNoteAsync(cancellationToken));

            var principals = read.OfType<PrincipalKeys>().ToList();
            var inventory = new AccountInventory(new SourceInfo(identity.Account, identity.Partition, SourceKind.Live, startedAt, Location: location, Notes: notes), principals);
            if (listedAny && users.Count == 0)
            {
                // --principal matched none of the listed users: a usage error (exit 2) once the data is read, not a source error.
                return inventory;
            }

            // The IAM API never shows root: an account without IAM users evaluated nothing through it.
            return NothingEvaluated.RequirePrincipals(inventory,
                !listedAny
                    ? "ListUsers returned no IAM users, and the IAM API cannot show root's keys (audit with --source auto to include root)"
                    : "every listed user was deleted while being read");
        });
        return [inventory];
    }

    private async Task<IReadOnlyList<string>> RootNoteAsync(CancellationToken cancellationToken)
    {
        try
        {
            var summary = await iam.GetAccountSummaryAsync(new GetAccountSummaryRequest(), cancellationToken);
            return summary.SummaryMap.TryGetValue("AccountAccessKeysPresent", out var present) && present > 0
                ? ["the root user has access keys (AccountAccessKeysPresent=1); the IAM API cannot list them: audit root with --source auto or credential-report"]
                : [];
        }
        catch (AccessDeniedException)
        {
            return ["iam:GetAccountSummary was denied: whether the root user has access keys is unknown"];
        }
        catch (Exception e) when (e is not OperationCanceledException && !cancellationToken.IsCancellationRequested
            && Aws.AwsErrorDescriber.Describe(e) is { Kind: Aws.AwsFailureKind.Throttling or Aws.AwsFailureKind.Service or Aws.AwsFailureKind.Endpoint } failure)
        {
            // Only a note depends on it: the users already read are not thrown away for it.
            return [$"iam:GetAccountSummary failed ({failure.OneLineMessage}): whether the root user has access keys is unknown"];
        }
    }
}
