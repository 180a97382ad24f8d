using System.Text.Json.Nodes;
using KeyWarden.Accounts;
using KeyWarden.Aws;
using KeyWarden.Aws.SecurityHub;
using KeyWarden.Aws.SecurityHub.Model;

namespace KeyWarden.Publishing;

/// <summary>
/// Imports ASFF findings into Security Hub, each into its own account (<c>AwsAccountId</c>): with the default product
/// ARN, BatchImportFindings accepts only findings of the caller's own account, so every account is reached with its
/// own session (<paramref name="clientFor"/>: the credentials' account directly, the others through their role).
/// Per account: the earlier findings with these Ids are read first (GetFindings by Id, ProductArn and GeneratorId,
/// 20 Ids a call: the service's limit of values per filter) to keep their CreatedAt and archive what was resolved
/// (<see cref="FindingUpdates"/>); then batches of <see cref="FindingBatches"/>. Throttling and 5xx are ridden out by
/// the SDK's retries; a call that still fails fails its findings, and the other accounts and batches go on. An answer
/// lost after Security Hub acted is harmless: importing the same Id again updates the finding.
/// </summary>
public sealed class SecurityHubPublisher(Func<string, CancellationToken, Task<(ISecurityHubClient? Client, string? Error)>> clientFor)
{
    /// <summary>The service's limit of values per filter attribute.</summary>
    public const int IdsPerLookup = 20;

    public async Task<ImportResult> ImportAsync(IReadOnlyList<JsonObject> findings, CancellationToken cancellationToken)
    {
        var failures = new List<ImportFailure>();
        int imported = 0, archived = 0, accounts = 0, calls = 0;
        foreach (var account in findings.GroupBy(AsffFindings.AccountId))
        {
            var (accountImported, accountArchived, accountCalls) = await ImportAccountAsync(account.Key, account.ToList(), failures, cancellationToken);
            imported += accountImported;
            archived += accountArchived;
            calls += accountCalls;
            accounts += accountImported > 0 ? 1 : 0;
        }

        return new ImportResult(imported, accounts, archived, failures, calls);
    }

    private async Task<(int Imported, int Archived, int Calls)> ImportAccountAsync(
        string accountId, IReadOnlyList<JsonObject> findings, List<ImportFailure> failures, CancellationToken cancellationToken)
    {
        if (!AccountIds.IsValid(accountId) || accountId == Reports.AccountErrorFindings.UnknownAccount)
        {
            failures.AddRange(findings.Select(f => new ImportFailure(AsffFindings.Id(f), "the finding names no AWS account to import it into")));
            return (0, 0, 0);
        }

        var (client, error) = await clientFor(accountId, cancellationToken);
        if (client is null)
        {
            failures.AddRange(findings.Select(f => new ImportFailure(AsffFindings.Id(f), $"account {accountId}: {error}")));
            return (0, 0, 0);
        }

        Dictionary<string, EarlierFinding> earlier;
        try
        {
            earlier = await ReadEarlierAsync(client, findings, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && AwsErrorDescriber.Describe(e) is { } failure)
        {
            // Importing without them would reset CreatedAt and leave resolved findings active: nothing is sent.
            failures.AddRange(findings.Select(f => new ImportFailure(AsffFindings.Id(f), $"account {accountId}: reading the earlier findings failed: {failure.OneLineMessage}")));
            return (0, 0, 0);
        }

        var updated = findings.Select(f => FindingUpdates.Apply(f, earlier.GetValueOrDefault(AsffFindings.Id(f)))).ToList();
        var archivedIds = updated.Where(u => u.Archived).Select(u => AsffFindings.Id(u.Finding)).ToHashSet(StringComparer.Ordinal);
        var (batches, oversized) = FindingBatches.Split(updated.Select(u => u.Finding));
        failures.AddRange(oversized);

        int imported = 0, archived = 0, calls = 0;
        foreach (var batch in batches)
        {
            calls++;
            try
            {
                var response = await client.BatchImportFindingsAsync(new BatchImportFindingsRequest { Findings = [.. batch] }, cancellationToken);
                var failed = response.FailedFindings.Select(f => f.Id ?? "").ToHashSet(StringComparer.Ordinal);
                failures.AddRange(response.FailedFindings.Select(f => new ImportFailure(f.Id ?? "(no id)", $"{f.ErrorCode}: {f.ErrorMessage}")));
                var done = batch.Select(AsffFindings.Id).Where(id => !failed.Contains(id)).ToList();
                imported += done.Count;
                archived += done.Count(archivedIds.Contains);
            }
            catch (Exception e) when (e is not OperationCanceledException && AwsErrorDescriber.Describe(e) is { } failure)
            {
                failures.AddRange(batch.Select(f => new ImportFailure(AsffFindings.Id(f), $"account {accountId}: BatchImportFindings failed: {failure.OneLineMessage}")));
            }
        }

        return (imported, archived, calls);
    }

    /// <summary>Security Hub's findings under these Ids, KeyWarden's product and generators, by Id.</summary>
    private static async Task<Dictionary<string, EarlierFinding>> ReadEarlierAsync(ISecurityHubClient client, IReadOnlyList<JsonObject> findings, CancellationToken cancellationToken)
    {
        var earlier = new Dictionary<string, EarlierFinding>(StringComparer.Ordinal);
        foreach (var chunk in findings.Chunk(IdsPerLookup))
        {
            var ids = chunk.Select(AsffFindings.Id).ToHashSet(StringComparer.Ordinal);
            var products = chunk.Select(AsffFindings.ProductArn).ToHashSet(StringComparer.Ordinal);
            var request = new GetFindingsRequest
            {
                Filters = new AwsSecurityFindingFilters
                {
                    Id = ids.Select(StringFilter.EqualTo).ToList(),
                    ProductArn = products.Select(StringFilter.EqualTo).ToList(),
                    GeneratorId = chunk.Select(AsffFindings.GeneratorId).Distinct(StringComparer.Ordinal).Select(StringFilter.EqualTo).ToList(),
                },
                MaxResults = 100,
            };
            do
            {
                var page = await client.GetFindingsAsync(request, cancellationToken);
                // Checked again here: a service (or emulator) that filters less than asked must not leak other findings in.
                foreach (var found in page.Findings.Where(f => ids.Contains(AsffFindings.Id(f)) && products.Contains(AsffFindings.ProductArn(f))))
                {
                    earlier[AsffFindings.Id(found)] = new EarlierFinding(
                        AsffFindings.Id(found), AsffFindings.CreatedAt(found), AsffFindings.ComplianceStatus(found), AsffFindings.RecordState(found));
                }

                request.NextToken = page.NextToken;
            }
            while (request.NextToken is not null);
        }

        return earlier;
    }
}
