using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

/// <summary>`report publish`: a saved JSON report to a destination (Security Hub), reached like AWS (profile, region, roles).</summary>
public sealed class ReportPublishSettings : RoleSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("A JSON report that `keywarden audit --format json` wrote.")]
    public string File { get; init; } = "";

    [CommandOption("--security-hub")]
    [Description("Import the report's findings (ASFF) into AWS Security Hub, each into its own account, in the region of --region / the profile.")]
    public bool SecurityHub { get; init; }

    public override ValidationResult Validate()
    {
        if (!SecurityHub)
        {
            return ValidationResult.Error("report publish: name a destination: --security-hub");
        }

        return base.Validate();
    }
}
