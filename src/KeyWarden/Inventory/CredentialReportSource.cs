using KeyWarden.Aws.Sts;

namespace KeyWarden.Inventory;

/// <summary>
/// The account's own credential report, fetched through the API and parsed like an offline file.
/// Up to four hours old by IAM's design: the report's generation time is shown as dataAsOf.
/// </summary>
public sealed class CredentialReportSource(ICallerIdentityClient sts, CredentialReportFetcher fetcher, string? location) : IInventorySource
{
    public async Task<IReadOnlyList<AccountInventory>> ReadAsync(CancellationToken cancellationToken)
    {
        var inventory = await AwsAccountRead.GuardAsync(sts, SourceKind.CredentialReport, location, async identity =>
        {
            var (report, generatedAt) = await FetchAsync(fetcher, identity, cancellationToken);
            return new AccountInventory(
                new SourceInfo(identity.Account, identity.Partition, SourceKind.CredentialReport, DataAsOf(generatedAt, report), Location: location),
                report.Principals);
        });
        return [inventory];
    }

    /// <summary>
    /// The report's generation time; but a report cannot be older than the newest date in it, so when an
    /// endpoint reports an earlier generation time (moto's is fixed in 2015) the newest date wins.
    /// </summary>
    internal static DateTimeOffset? DataAsOf(DateTimeOffset? generatedAt, ParsedCredentialReport report) =>
        generatedAt is { } g && report.NewestTimestamp is { } n ? (g > n ? g : n) : generatedAt ?? report.NewestTimestamp;

    internal static async Task<(ParsedCredentialReport Report, DateTimeOffset? GeneratedAt)> FetchAsync(
        CredentialReportFetcher fetcher, CallerIdentity identity, CancellationToken cancellationToken)
    {
        var (csv, generatedAt) = await fetcher.FetchAsync(cancellationToken);
        var report = CredentialReportParser.Parse(csv, $"credential report of account {identity.Account}");
        return (report, generatedAt);
    }
}
