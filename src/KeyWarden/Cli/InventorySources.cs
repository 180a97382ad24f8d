using KeyWarden.Aws;
using KeyWarden.Cli.Settings;
using KeyWarden.Inventory;

namespace KeyWarden.Cli;

/// <summary>Chooses the inventory source the options ask for.</summary>
internal static class InventorySources
{
    /// <summary>The offline file source, or null when the options ask for AWS.</summary>
    public static IInventorySource? Offline(AuditInputSettings settings) =>
        settings.CredentialReport is { } path ? new CredentialReportFileSource(path) : null;

    /// <param name="sts">Who the connection is, when already known (a fleet session was checked with STS on opening); default: ask STS.</param>
    /// <param name="needs">What the selected rules need read live, judged as of the audit instant (AuditRunner builds it).</param>
    public static IInventorySource Aws(AuditInputSettings settings, ReadNeeds needs, AwsConnection connection, TimeProvider clock, Aws.Sts.ICallerIdentityClient? sts = null)
    {
        sts ??= connection.Sts;
        var location = AwsClientFactory.Location(connection);
        var fetcher = new CredentialReportFetcher(connection.Iam, clock, maxAge: settings.MaxReportAgeSpan);
        // --principal is applied before any per-user call; AuditRunner filters again for the offline file.
        var filter = new PrincipalFilter(settings.Principals);
        // AWS always writes the root row; an emulator behind a custom endpoint (moto) may not: see NothingEvaluated.
        var rootRowRequired = connection.Settings.IamEndpoint is null;
        return settings.Source switch
        {
            "live" => new LiveInventorySource(connection.Iam, sts, settings.MaxConcurrency, clock, location, settings.LastUseEvidence, filter, needs),
            "credential-report" => new CredentialReportSource(sts, fetcher, location, rootRowRequired, clock),
            _ => new AutoInventorySource(connection.Iam, sts, fetcher, settings.MaxConcurrency, clock, location, rootRowRequired, settings.LastUseEvidence, filter, needs),
        };
    }

    /// <summary>Reads the inventory from the file or from AWS, owning the AWS connection for the duration.</summary>
    public static async Task<IReadOnlyList<AccountInventory>> ReadAsync(
        AuditInputSettings settings, ReadNeeds needs, TimeProvider clock, Terminal terminal, CancellationToken cancellationToken)
    {
        if (Offline(settings) is { } offline)
        {
            return await offline.ReadAsync(cancellationToken);
        }

        using var connection = AwsClientFactory.Connect(settings);
        return settings.SelectsAccounts
            ? await FleetInventory.ReadAsync(settings, needs, connection, clock, terminal, cancellationToken)
            : await Aws(settings, needs, connection, clock).ReadAsync(cancellationToken);
    }
}
