using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.Aws.Sts;

namespace KeyWarden.Inventory;

/// <summary>
/// Every user read live: ListUsers, then ListAccessKeys and GetAccessKeyLastUsed per user with bounded
/// concurrency. Fully fresh, more calls than auto. The IAM API never shows root's keys, so root is only
/// mentioned in a note when GetAccountSummary says it has keys.
/// </summary>
public sealed class LiveInventorySource(IIamClient iam, ICallerIdentityClient sts, int maxConcurrency, TimeProvider clock, string? location) : IInventorySource
{
    public async Task<IReadOnlyList<AccountInventory>> ReadAsync(CancellationToken cancellationToken)
    {
        var inventory = await AwsAccountRead.GuardAsync(sts, SourceKind.Live, location, async identity =>
        {
            var startedAt = clock.GetUtcNow();
            var users = new List<User>();
            await foreach (var user in iam.ListAllUsersAsync(cancellationToken))
            {
                users.Add(user);
            }

            var reader = new LiveKeyReader(iam);
            var read = await BoundedAsync.MapAsync(users, maxConcurrency, (user, ct) => reader.ReadAsync(user.UserName, user.Arn, ct), cancellationToken);

            var notes = new List<string>();
            notes.AddRange(users.Zip(read).Where(p => p.Second is null).Select(p => $"user {p.First.UserName} was deleted while being read; skipped"));
            notes.AddRange(await RootNoteAsync(cancellationToken));

            var principals = read.OfType<PrincipalKeys>().ToList();
            var inventory = new AccountInventory(new SourceInfo(identity.Account, identity.Partition, SourceKind.Live, startedAt, Location: location, Notes: notes), principals);
            // The IAM API never shows root: an account without IAM users evaluated nothing through it.
            return NothingEvaluated.RequirePrincipals(inventory,
                users.Count == 0
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
