using KeyWarden.Audit;
using KeyWarden.Audit.Exceptions;
using KeyWarden.Cli.Settings;
using KeyWarden.Inventory;
using KeyWarden.Reports;

namespace KeyWarden.Cli;

/// <summary>
/// The audit both `audit` and `plan` run: read the inventory, keep the principals asked for, evaluate, and
/// mute what the exceptions file covers. The exceptions file is read before any AWS call, so a bad one exits 2;
/// --principal globs that match nothing and an --as-of earlier than the data exit 2 once the data is read.
/// </summary>
internal static class AuditRunner
{
    public static async Task<AuditReport> RunAsync(AuditInputSettings settings, TimeProvider clock, Terminal terminal, CancellationToken cancellationToken)
    {
        // Whole seconds, as every report format writes them and IAM's data has them: a saved JSON report then renders
        // into OCSF (epoch milliseconds) exactly as the run itself would have written it.
        var asOf = Timestamps.WholeSeconds(settings.ResolveAsOf(clock));
        var exceptions = ExceptionsFile.Load(settings.Exceptions);
        // The selected rules decide what is read live (and whether root's keys are asked of GetAccountSummary), as of
        // the same instant they judge at.
        var parameters = settings.ToParameters();
        var needs = Audit.Rules.RuleRegistry.Select(parameters).Needs(new Audit.Rules.RuleContext(parameters, asOf));
        var inventories = await InventorySources.ReadAsync(settings, needs, clock, terminal, cancellationToken);
        InventoryChecks.PrincipalGlobsMatch(inventories, settings.Principals);
        InventoryChecks.AsOfNotBeforeData(inventories, settings.AsOf, asOf);
        var report = Auditor.Audit(Only(inventories, settings.Principals), parameters, asOf, Timestamps.WholeSeconds(clock.GetUtcNow()));
        return exceptions is null ? report : ExceptionMatcher.Apply(report, exceptions);
    }

    private static IReadOnlyList<AccountInventory> Only(IReadOnlyList<AccountInventory> inventories, string[] principals)
    {
        if (principals.Length == 0)
        {
            return inventories;
        }

        var filter = new PrincipalFilter(principals);
        return inventories.Select(i => i with
        {
            Principals = i.Principals.Where(p => filter.Includes(p.Name)).ToList(),
            // Root's summary evidence belongs to root: --principal without root asks nothing of it.
            RootKeys = filter.Includes(PrincipalKeys.RootName) ? i.RootKeys : null,
        }).ToList();
    }

}
