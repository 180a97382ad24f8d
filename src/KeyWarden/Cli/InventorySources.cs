using KeyWarden.Cli.Settings;
using KeyWarden.Inventory;

namespace KeyWarden.Cli;

/// <summary>Chooses the inventory source the options ask for.</summary>
internal static class InventorySources
{
    public static IInventorySource Create(AuditInputSettings settings)
    {
        if (settings.CredentialReport is { } path)
        {
            return new CredentialReportFileSource(path);
        }

        throw KeyWardenException.Runtime($"--source {settings.Source}: reading AWS accounts is not available in this build; use --credential-report FILE");
    }
}
