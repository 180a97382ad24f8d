using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Sts;

namespace KeyWarden.Inventory;

/// <summary>
/// The default: one credential report finds the candidates (principals with more than one active key),
/// then each candidate's keys are re-read live, so every FAIL carries key ids and fresh state and a user
/// fixed since the report was generated shows as PASS. About 3 + 3 × candidates API calls per account.
/// Root cannot be re-read through the API, so its row stays as the report has it.
/// </summary>
public sealed class AutoInventorySource(
    IIamClient iam, ICallerIdentityClient sts, CredentialReportFetcher fetcher, int maxConcurrency, TimeProvider clock, string? location,
    bool rootRowRequired = true) : IInventorySource
{
    public async Task<IReadOnlyList<AccountInventory>> ReadAsync(CancellationToken cancellationToken)
    {
        var inventory = await AwsAccountRead.GuardAsync(sts, SourceKind.Auto, location, async identity =>
        {
            var (report, generatedAt) = await CredentialReportSource.FetchAsync(fetcher, identity, cancellationToken);
            var candidates = report.Principals.Where(IsCandidate).ToList();
            var reader = new LiveKeyReader(iam);
            var rereadAt = clock.GetUtcNow();
            var fresh = await BoundedAsync.MapAsync(candidates, maxConcurrency, (p, ct) => reader.ReadAsync(p.Name, p.Arn, ct), cancellationToken);
            var byName = candidates.Zip(fresh).ToDictionary(p => p.First, p => p.Second);

            var notes = new List<string>
            {
                $"credential report generated {Reports.Timestamps.Format(generatedAt) ?? "at an unknown time"}; "
                + $"{candidates.Count} principal(s) with more than one active key re-read live at {Reports.Timestamps.Format(rereadAt)}",
            };
            var principals = new List<PrincipalKeys>();
            foreach (var principal in report.Principals)
            {
                if (!byName.TryGetValue(principal, out var live))
                {
                    principals.Add(principal);
                }
                else if (live is null)
                {
                    notes.Add($"user {principal.Name} was deleted since the credential report; skipped");
                }
                else
                {
                    principals.Add(live);
                }
            }

            var inventory = new AccountInventory(
                new SourceInfo(identity.Account, identity.Partition, SourceKind.Auto, CredentialReportSource.DataAsOf(generatedAt, report), Location: location, Notes: notes),
                principals);
            return CredentialReportSource.Complete(inventory, report, identity.Account, rootRowRequired);
        });
        return [inventory];
    }

    private static bool IsCandidate(PrincipalKeys principal) => !principal.IsRoot && principal.ActiveKeyCount > 1;
}
