using KeyWarden.Accounts;
using KeyWarden.Aws;
using KeyWarden.Cli.Settings;
using KeyWarden.Inventory;

namespace KeyWarden.Cli;

/// <summary>
/// A multi-account read: the candidates (Organizations or the ids given), the selection (minus exclusions, this
/// shard), then each selected account read through its own session, at most --max-accounts at once. Every account
/// ends in exactly one status: a refused AssumeRole, a throttled or broken account is that account's error and
/// never stops the others; accounts not ACTIVE or excluded are listed as skipped, never dropped.
/// </summary>
internal static class FleetInventory
{
    public static async Task<IReadOnlyList<AccountInventory>> ReadAsync(
        AuditInputSettings settings, ReadNeeds needs, AwsConnection hub, TimeProvider clock, Terminal terminal, CancellationToken cancellationToken)
    {
        using var accounts = await AccountConnections.OpenAsync(hub, settings.ToRoleChoice(), cancellationToken);
        var (selection, fileRoles) = await SelectAsync(settings, accounts, terminal, cancellationToken);
        var kind = SourceKindNames.OfOption(settings.Source);
        var partition = accounts.HubIdentity.Partition;
        var read = await FleetProgressDisplay.RunAsync(terminal, settings.Quiet, clock, selection.Selected.Count, progress =>
            AccountScheduler.RunAsync(
                selection.Selected,
                settings.MaxAccounts,
                (target, ct) => ReadOneAsync(settings, needs, accounts, target, fileRoles[target.AccountId], kind, partition, clock, ct),
                (target, inventory) => progress.Finished(target.AccountId, target.Name, inventory.Source.EffectiveStatus, inventory.Source.Error),
                cancellationToken));

        var skipped = selection.Skipped.Select(s => new AccountInventory(
            new SourceInfo(s.Account.AccountId, partition, kind, null, Notes: [s.Reason], Status: AccountStatus.Skipped, AccountName: s.Account.Name), []));
        return read.Concat(skipped).OrderBy(i => i.AccountId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The selected accounts and, for those the accounts file gives a role of their own, that role's ARN. The file's
    /// roles are checked for every account before any is read: a bad entry is exit 2, not one account's error.
    /// Without a selection option, the credentials' own account alone.
    /// </summary>
    public static async Task<(AccountSelectionResult Selection, IReadOnlyDictionary<string, string?> FileRoles)> SelectAsync(
        FleetSettings settings, AccountConnections accounts, Terminal terminal, CancellationToken cancellationToken)
    {
        var candidates = settings.SelectsAccounts
            ? await CandidatesAsync(settings, accounts, cancellationToken)
            : [new AccountTarget(accounts.HubIdentity.Account)];
        if (candidates.Count == 0)
        {
            // An organization holds at least its management account, and an empty file or OU audits nothing: never a pass.
            throw KeyWardenException.Aws(settings.Org ? "--org: Organizations listed no account (is the account in an organization?); nothing was evaluated"
                : settings.OrganizationalUnits.Length > 0 ? $"--ou: no account under {string.Join(", ", settings.OrganizationalUnits)}; nothing was evaluated"
                : "no account selected; nothing was evaluated");
        }

        var excluded = AccountIdList.Parse("--exclude-accounts", settings.ExcludeAccounts).ToHashSet(StringComparer.Ordinal);
        var selection = AccountSelection.Select(candidates, excluded, settings.ShardSpec);
        if (settings.ShardSpec is { } shard)
        {
            terminal.Note($"--shard {shard.Index}/{shard.Count}: {selection.Selected.Count + selection.Skipped.Count} account(s) in this shard, {selection.OtherShards} in the others");
        }

        var partition = accounts.HubIdentity.Partition;
        var fileRoles = selection.Selected.ToDictionary(
            t => t.AccountId,
            t => t.RoleArn is not null || t.RoleName is not null ? t.RoleArnIn(partition, settings.EffectiveRoleName) : null,
            StringComparer.Ordinal);
        return (selection, fileRoles);
    }

    private static async Task<IReadOnlyList<AccountTarget>> CandidatesAsync(FleetSettings settings, AccountConnections accounts, CancellationToken cancellationToken)
    {
        if (settings.Org || settings.OrganizationalUnits.Length > 0)
        {
            return await OrganizationAccounts.ListAsync(accounts.Hub.Organizations, settings.OrganizationalUnits, cancellationToken);
        }

        var named = AccountIdList.Parse("--accounts", settings.Accounts).Select(id => new AccountTarget(id)).ToList();
        if (settings.AccountsFile is { } file)
        {
            named.AddRange(AccountsFile.Load(file));
        }

        return named;
    }

    /// <summary>One account, start to end; whatever happens, an inventory with the account's status comes back.</summary>
    private static async Task<AccountInventory> ReadOneAsync(
        AuditInputSettings settings, ReadNeeds needs, AccountConnections accounts, AccountTarget target, string? fileRole, SourceKind kind, string partition, TimeProvider clock, CancellationToken cancellationToken)
    {
        var roleArn = accounts.RoleArnFor(target.AccountId, fileRole);
        AccountInventory Failed(AccountStatus status, string error) =>
            new(new SourceInfo(target.AccountId, partition, kind, null, error, Status: status, AccountName: target.Name, RoleArn: roleArn), []);

        AccountSession session;
        try
        {
            session = await accounts.OpenSessionAsync(target.AccountId, fileRole, target.ExternalId, cancellationToken);
        }
        catch (AccountMismatchException e)
        {
            return Failed(AccountStatus.Error, e.Message);
        }
        catch (Exception e) when (AwsErrorDescriber.Describe(e) is { } failure)
        {
            return Failed(AwsAccountRead.StatusOf(failure.Kind), AccountConnections.DescribeOpenFailure(roleArn, failure));
        }

        try
        {
            var inventories = await InventorySources.Aws(settings, needs, session.Connection, clock, new KnownCallerIdentity(session.Identity)).ReadAsync(cancellationToken);
            var inventory = inventories.Single();
            return inventory with
            {
                Source = inventory.Source with
                {
                    AccountId = inventory.Source.AccountId ?? target.AccountId,
                    Partition = inventory.Source.Partition ?? partition,
                    AccountName = target.Name,
                    RoleArn = session.RoleArn,
                },
            };
        }
        catch (Exception e) when (e is not OperationCanceledException && AwsErrorDescriber.Describe(e) is { } failure)
        {
            return Failed(AwsAccountRead.StatusOf(failure.Kind), failure.OneLineMessage);
        }
        catch (Exception e) when (e is not OperationCanceledException and not KeyWardenException)
        {
            // A defect must not take the other accounts down with it, nor let this one pass: it is this account's error.
            return Failed(AccountStatus.Error, $"unexpected {e.GetType().Name}: {e.Message}");
        }
    }
}
