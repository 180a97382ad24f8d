using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Sts;

namespace KeyWarden.Inventory;

/// <summary>
/// The default, at the request floor: one credential report finds the candidates (the principals a selected rule judges on
/// live keys, <see cref="ReadNeeds.NeedsLiveKeys"/>: by default those with more than one active key, and with
/// iam-access-key-unused those with an active key the report shows unused) and gives their last use; each candidate's keys are listed live (ListAccessKeys) for their ids and fresh status,
/// so every FAIL carries key ids and a user fixed since the report shows as PASS. A listed key takes its last use from
/// the report slot with its creation second (<see cref="ReportSlotMatcher"/>); only a key that cannot be placed costs a
/// GetAccessKeyLastUsed. So about 4 + candidates calls per account (STS, Get/Generate/Get report, one ListAccessKeys per
/// candidate), 2 + candidates with a fresh report. Root cannot be re-read through the API: its row stays as the report has it.
/// </summary>
public sealed class AutoInventorySource(
    IIamClient iam, ICallerIdentityClient sts, CredentialReportFetcher fetcher, int maxConcurrency, TimeProvider clock, string? location,
    bool rootRowRequired = true, LastUseEvidence evidence = LastUseEvidence.Needed, PrincipalFilter? filter = null, ReadNeeds? needs = null) : IInventorySource
{
    private readonly PrincipalFilter _filter = filter ?? PrincipalFilter.Everyone;
    private readonly ReadNeeds _needs = needs ?? ReadNeeds.SingleActiveKey;

    public async Task<IReadOnlyList<AccountInventory>> ReadAsync(CancellationToken cancellationToken)
    {
        var inventory = await AwsAccountRead.GuardAsync(sts, SourceKind.Auto, location, async identity =>
        {
            var (report, generatedAt) = await CredentialReportSource.FetchAsync(fetcher, identity, cancellationToken);
            var selected = report.Principals.Where(p => _filter.Includes(p.Name)).ToList();
            var candidates = selected.Where(_needs.NeedsLiveKeys).ToList();
            var reader = new LiveKeyReader(iam);
            var rereadAt = clock.GetUtcNow();
            var fresh = await BoundedAsync.MapAsync(
                candidates, maxConcurrency, (p, ct) => reader.ReadAsync(p.Name, p.Arn, p.Keys, evidence, ct), cancellationToken);
            var byName = candidates.Zip(fresh).ToDictionary(p => p.First, p => p.Second);

            var rereadKeys = fresh.OfType<PrincipalKeys>().SelectMany(p => p.Keys).ToList();
            var fromReport = rereadKeys.Count(k => k.LastUsedSource == LastUseSource.CredentialReport);
            var notes = new List<string>
            {
                $"credential report generated {Reports.Timestamps.Format(generatedAt) ?? "at an unknown time"}{Age(generatedAt)}; "
                + $"{candidates.Count} principal(s) the selected rules judge on live keys re-read at {Reports.Timestamps.Format(rereadAt)}; "
                + $"last use of {fromReport} re-read key(s) from the credential report (as old as the report), "
                + $"{rereadKeys.Count - fromReport} read live (GetAccessKeyLastUsed); the other principals' keys are as the report has them",
            };
            var principals = new List<PrincipalKeys>();
            foreach (var principal in selected)
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

            // Judged on the whole report: --principal matching nothing is a usage error (exit 2) once read, not an empty report.
            var whole = new AccountInventory(
                new SourceInfo(identity.Account, identity.Partition, SourceKind.Auto, CredentialReportSource.DataAsOf(generatedAt, report), Location: location, Notes: notes),
                report.Principals);
            var complete = CredentialReportSource.Complete(whole, report, identity.Account, rootRowRequired) with { Principals = principals };
            return complete.Source.Error is null && await RootKeysAsync(report, cancellationToken) is { } root
                ? complete with { RootKeys = root }
                : complete;
        });
        return [inventory];
    }

    private string Age(DateTimeOffset? generatedAt) => CredentialReportSource.Age(generatedAt, clock);

    /// <summary>
    /// Where the report has no root row (an emulator's) and a selected rule asks about root: GetAccountSummary, one call.
    /// With the row (AWS always writes it) the row is the evidence and nothing is asked.
    /// </summary>
    private async Task<RootKeysPresence?> RootKeysAsync(ParsedCredentialReport report, CancellationToken cancellationToken) =>
        _needs.NeedsRootKeys && _filter.Includes(PrincipalKeys.RootName) && !report.Principals.Any(p => p.IsRoot)
            ? await RootKeysReader.ReadAsync(iam, cancellationToken)
            : null;
}
