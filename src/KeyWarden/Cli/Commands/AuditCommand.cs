using System.ComponentModel;
using KeyWarden.Audit;
using KeyWarden.Cli.Settings;
using KeyWarden.Reports;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Commands;

[Description("Check IAM users and root against the access-key rules (iam-single-active-access-key, iam-root-access-key, iam-access-key-unused, iam-access-key-rotation; `keywarden rules` lists them): by default every rule, or those of --rules / --benchmark. For a user with more than one active key, says which key to keep and why.")]
public sealed class AuditCommand(Terminal terminal, TimeProvider clock) : AsyncCommand<AuditSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, AuditSettings settings, CancellationToken cancellationToken)
    {
        var report = await AuditRunner.RunAsync(settings, clock, terminal, cancellationToken);
        ReportOutput.Write(report, settings, terminal, ToolInfo.Current);
        SourceNotes.Tell(terminal, report);
        ExceptionsFile.Tell(terminal, report);
        var exitCode = ExitCodeFor(report);
        // The audit's own exit code stands when the import succeeds; a finding not imported is exit 3.
        return settings.SecurityHub && await SecurityHubImport.RunAsync(report, settings, ToolInfo.Current, terminal, cancellationToken) != ExitCodes.Ok
            ? ExitCodes.AwsOrRuntime
            : exitCode;
    }

    /// <summary>"Could not evaluate" outranks FAIL: a run that missed something cannot vouch for its result.</summary>
    internal static int ExitCodeFor(AuditReport report) =>
        report.HasSourceErrors || report.Summary.Error > 0 ? ExitCodes.AwsOrRuntime
        : report.Summary.Fail > 0 ? ExitCodes.Findings
        : ExitCodes.Ok;
}
