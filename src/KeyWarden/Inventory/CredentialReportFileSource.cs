using System.Text;

namespace KeyWarden.Inventory;

/// <summary>An offline credential-report CSV: no AWS calls, keys named by slot.</summary>
public sealed class CredentialReportFileSource(string path) : IInventorySource
{
    public Task<IReadOnlyList<AccountInventory>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw KeyWardenException.Input($"{path}: no such file");
        }

        ParsedCredentialReport report;
        try
        {
            // detectEncodingFromByteOrderMarks strips a UTF-8 BOM; invalid bytes decode as U+FFFD and fail the header check.
            using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            report = CredentialReportParser.Parse(reader, path);
        }
        catch (CredentialReportFormatException e)
        {
            throw KeyWardenException.Input(e.Message, e);
        }
        catch (IOException e)
        {
            throw KeyWardenException.Input($"{path}: cannot read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw KeyWardenException.Input($"{path}: cannot read: {e.Message}", e);
        }

        var source = new SourceInfo(report.AccountId, report.Partition, SourceKind.CredentialReportFile, report.NewestTimestamp, Location: path);
        var inventory = NothingEvaluated.RequirePrincipals(new AccountInventory(source, report.Principals), $"{path} has a header but no rows");
        inventory = NothingEvaluated.RequireRootRow(inventory, report, path, rootRowRequired: true);
        return Task.FromResult<IReadOnlyList<AccountInventory>>([inventory]);
    }
}
