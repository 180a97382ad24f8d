using System.ComponentModel;
using KeyWarden.Cli.Settings;
using KeyWarden.Reports;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Commands;

[Description("Send a saved JSON report's findings to AWS Security Hub (BatchImportFindings), as `audit --security-hub` does.")]
public sealed class ReportPublishCommand(Terminal terminal) : AsyncCommand<ReportPublishSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ReportPublishSettings settings, CancellationToken cancellationToken)
    {
        var saved = SavedReportReader.Read(settings.File);
        // 0 when every finding was imported, whatever the findings say (the audit's exit code gated the run); else 3.
        return await SecurityHubImport.RunAsync(saved.Report, settings, saved.Tool, terminal, cancellationToken);
    }
}
