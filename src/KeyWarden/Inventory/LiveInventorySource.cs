using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.Aws.Sts;

namespace KeyWarden.Inventory;

/// <summary>
/// Every user read live: ListUsers (1,000 a page), then ListAccessKeys per user with bounded concurrency, and
/// GetAccessKeyLastUsed for the keys whose last use a selected rule reads (<see cref="ReadNeeds.NeedsLastUse"/>: by default those of
/// users with more than one active key; every active key with iam-access-key-unused; every key with <see cref="LastUseEvidence.All"/>):
/// 1 + U + 2V calls for U users and V offenders, plus STS and GetAccountSummary. Fully fresh, more calls than auto.
/// <c>--principal</c> is applied to the listed users before their keys are read. The IAM API never shows root's keys: GetAccountSummary
/// says whether any exist (<see cref="AccountInventory.RootKeys"/>, for the root rule, and a note).
/// </summary>
public sealed class LiveInventorySource(
    IIamClient iam, ICallerIdentityClient sts, int maxConcurrency, TimeProvider clock, string? location,
    LastUseEvidence evidence = LastUseEvidence.Needed, PrincipalFilter? filter = null, ReadNeeds? needs = null) : IInventorySource
{
    private readonly PrincipalFilter _filter = filter ?? PrincipalFilter.Everyone;
    private readonly ReadNeeds _needs = needs ?? ReadNeeds.SingleActiveKey;

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
            var read = await BoundedAsync.MapAsync(users, maxConcurrency, (user, ct) => reader.ReadAsync(user.UserName, user.Arn, evidence, _needs.NeedsLastUse, ct), cancellationToken);

            var notes = new List<string>();
            notes.AddRange(users.Zip(read).Where(p => p.Second is null).Select(p => $"user {p.First.UserName} was deleted while being read; skipped"));
            // Asked whether or not a rule needs it: the note about root's keys predates the root rule, and it is one call.
            var root = await RootKeysReader.ReadAsync(iam, cancellationToken);
            notes.AddRange(RootKeysReader.Notes(root));

            var principals = read.OfType<PrincipalKeys>().ToList();
            var inventory = new AccountInventory(
                new SourceInfo(identity.Account, identity.Partition, SourceKind.Live, startedAt, Location: location, Notes: notes), principals,
                _filter.Includes(PrincipalKeys.RootName) ? root : null);
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
}
