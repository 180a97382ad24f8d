using System.ComponentModel;
using KeyWarden.Accounts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

/// <summary>
/// How to reach an account other than the credentials' own: the role to assume in it. Shared by every command that
/// may act on more than one account (audit, plan, check-access, apply, verify, undo).
/// </summary>
public class RoleSettings : AwsSettings
{
    [CommandOption("--role-name <NAME>")]
    [Description("Role assumed in every account other than the credentials' own (a name or path/name). Default: OrganizationAccountAccessRole; AWSControlTowerExecution under Control Tower.")]
    public string? RoleName { get; init; }

    [CommandOption("--external-id <ID>")]
    [Description("ExternalId sent with every AssumeRole (an accounts file may set one per account).")]
    public string? ExternalId { get; init; }

    [CommandOption("--role-session-name <NAME>")]
    [Description("Session name of the assumed roles, as CloudTrail shows it. Default: keywarden.")]
    public string? RoleSessionName { get; init; }

    [CommandOption("--role-duration <DURATION>")]
    [Description("Lifetime of each assumed-role session (900 s to 12 h: 3600, 45m, 1h); refreshed before it ends. Default: 1h.")]
    public string? RoleDuration { get; init; }

    public string EffectiveRoleName => RoleName ?? RoleParameters.DefaultRoleName;

    public string EffectiveSessionName => RoleSessionName ?? RoleParameters.DefaultSessionName;

    public TimeSpan? RoleDurationSpan => RoleDuration is null ? null : RoleParameters.ParseDuration(RoleDuration);

    public RoleChoice ToRoleChoice() => new(EffectiveRoleName, EffectiveSessionName, ExternalId, RoleDurationSpan);

    public override ValidationResult Validate()
    {
        try
        {
            if (RoleName is not null) RoleParameters.ValidateRoleName(RoleName);
            if (RoleSessionName is not null) RoleParameters.ValidateSessionName(RoleSessionName);
            if (ExternalId is not null) RoleParameters.ValidateExternalId(ExternalId);
            if (RoleDuration is not null) RoleParameters.ParseDuration(RoleDuration);
        }
        catch (KeyWardenException e)
        {
            return ValidationResult.Error(e.Message);
        }

        return base.Validate();
    }
}
