using System.ComponentModel;
using KeyWarden.Accounts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

/// <summary>
/// Which accounts a run reads: without any of these options, the one account the credentials point at; with them,
/// the organization's accounts (--org, --ou) or the ones named (--accounts, --accounts-file), minus --exclude-accounts,
/// this --shard only. Shared by audit, plan and check-access.
/// </summary>
public class FleetSettings : RoleSettings
{
    [CommandOption("--org")]
    [Description("Every account of the organization (Organizations ListAccounts; management account or delegated administrator).")]
    public bool Org { get; init; }

    [CommandOption("--ou <OU_ID>")]
    [Description("The accounts under this organizational unit or root (ou-… or r-…), through every child OU (repeatable).")]
    public string[] OrganizationalUnits { get; init; } = [];

    [CommandOption("--accounts <IDS>")]
    [Description("These account ids (comma-separated; repeatable).")]
    public string[] Accounts { get; init; } = [];

    [CommandOption("--accounts-file <FILE>")]
    [Description("Account ids, one per line (# comments), or YAML with a per-account role, externalId and name (docs/organizations.md).")]
    public string? AccountsFile { get; init; }

    [CommandOption("--exclude-accounts <IDS>")]
    [Description("Leave these account ids out (comma-separated; repeatable); they are listed as skipped.")]
    public string[] ExcludeAccounts { get; init; } = [];

    [CommandOption("--shard <I/N>")]
    [Description("Only shard I of N (1-based) of the selected accounts: a stable split by account id, to spread a fleet over CI jobs.")]
    public string? Shard { get; init; }

    [CommandOption("--max-accounts <N>")]
    [Description("Most accounts read at once (each with its own --max-concurrency).")]
    [DefaultValue(8)]
    public int MaxAccounts { get; init; } = 8;

    [CommandOption("-q|--quiet")]
    [Description("The table is only its summary line; no progress display or per-account progress lines on stderr (errors and warnings still).")]
    public bool Quiet { get; init; }

    /// <summary>Whether the run names its accounts, rather than reading the credentials' own account only.</summary>
    public bool SelectsAccounts => Org || OrganizationalUnits.Length > 0 || Accounts.Length > 0 || AccountsFile is not null;

    public AccountShard? ShardSpec => Shard is null ? null : AccountShard.Parse(Shard);

    public override ValidationResult Validate()
    {
        if (OptionRange.Check("--max-accounts", MaxAccounts, 1, 256) is { } outOfRange)
        {
            return outOfRange;
        }

        if ((Org || OrganizationalUnits.Length > 0) && (Accounts.Length > 0 || AccountsFile is not null))
        {
            return ValidationResult.Error("--org/--ou list the accounts from Organizations and --accounts/--accounts-file name them: use one or the other");
        }

        if (!SelectsAccounts && (ExcludeAccounts.Length > 0 || Shard is not null))
        {
            return ValidationResult.Error("--exclude-accounts and --shard need a selection of accounts: --org, --ou, --accounts or --accounts-file");
        }

        foreach (var ou in OrganizationalUnits)
        {
            if (!OrganizationIds.IsParentId(ou))
            {
                return ValidationResult.Error($"--ou: '{ou}' is not an organizational unit id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx)");
            }
        }

        try
        {
            AccountIdList.Parse("--accounts", Accounts);
            AccountIdList.Parse("--exclude-accounts", ExcludeAccounts);
            _ = ShardSpec;
        }
        catch (KeyWardenException e)
        {
            return ValidationResult.Error(e.Message);
        }

        return base.Validate();
    }
}
