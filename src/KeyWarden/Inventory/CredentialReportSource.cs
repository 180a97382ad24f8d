using KeyWarden.Aws.Sts;

namespace KeyWarden.Inventory;

/// <summary>
/// The account's own credential report, fetched through the API and parsed like an offline file.
/// Up to four hours old by IAM's design: the report's generation time is shown as dataAsOf.
/// </summary>
/// <remarks><paramref name="rootRowRequired"/>: false for a custom endpoint (an emulator may omit the root row); see <see cref="NothingEvaluated"/>.</remarks>
public sealed class CredentialReportSource(
    ICallerIdentityClient sts, CredentialReportFetcher fetcher, string? location, bool rootRowRequired = true, TimeProvider? clock = null) : IInventorySource
{
    public async Task<IReadOnlyList<AccountInventory>> ReadAsync(CancellationToken cancellationToken)
    {
        var inventory = await AwsAccountRead.GuardAsync(sts, SourceKind.CredentialReport, location, async identity =>
        {
            var (report, generatedAt) = await FetchAsync(fetcher, identity, cancellationToken);
            var inventory = new AccountInventory(
                new SourceInfo(identity.Account, identity.Partition, SourceKind.CredentialReport, DataAsOf(generatedAt, report), Location: location,
                    Notes: [$"credential report generated {Reports.Timestamps.Format(generatedAt) ?? "at an unknown time"}{Age(generatedAt, clock)}"]),
                report.Principals);
            return Complete(inventory, report, identity.Account, rootRowRequired);
        });
        return [inventory];
    }

    /// <summary>
    /// The report's generation time; but a report cannot be older than the newest date in it, so when an
    /// endpoint reports an earlier generation time (moto's is fixed in 2015) the newest date wins.
    /// </summary>
    internal static DateTimeOffset? DataAsOf(DateTimeOffset? generatedAt, ParsedCredentialReport report) =>
        generatedAt is { } g && report.NewestTimestamp is { } n ? (g > n ? g : n) : generatedAt ?? report.NewestTimestamp;

    /// <summary>" (N h M min old)" for a known generation time, so the notes say how old report evidence is; else empty.</summary>
    internal static string Age(DateTimeOffset? generatedAt, TimeProvider? clock)
    {
        if (generatedAt is not { } at || clock is null || clock.GetUtcNow() - at < TimeSpan.Zero)
        {
            return string.Empty;
        }

        var age = clock.GetUtcNow() - at;
        return age.TotalDays >= 2 ? $" ({(int)age.TotalDays} days old)" : $" ({(int)age.TotalHours} h {age.Minutes} min old)";
    }

    /// <summary>The account's report must have rows, and (from AWS itself) the root row: see <see cref="NothingEvaluated"/>.</summary>
    internal static AccountInventory Complete(AccountInventory inventory, ParsedCredentialReport report, string account, bool rootRowRequired)
    {
        var what = $"the credential report of account {account}";
        inventory = NothingEvaluated.RequirePrincipals(inventory, $"{what} has no rows");
        return NothingEvaluated.RequireRootRow(inventory, report, what, rootRowRequired);
    }

    internal static async Task<(ParsedCredentialReport Report, DateTimeOffset? GeneratedAt)> FetchAsync(
        CredentialReportFetcher fetcher, CallerIdentity identity, CancellationToken cancellationToken)
    {
        var (csv, generatedAt) = await fetcher.FetchAsync(cancellationToken);
        var report = CredentialReportParser.Parse(csv, $"credential report of account {identity.Account}");
        return (report, generatedAt);
    }
}
