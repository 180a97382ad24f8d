using System.ComponentModel;
using KeyWarden.Cli.Settings;
using KeyWarden.Reports;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Commands;

[Description("Write any format from a saved JSON report, with no AWS call: the same bytes the original audit would have written.")]
public sealed class ReportRenderCommand(Terminal terminal) : AsyncCommand<ReportRenderSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, ReportRenderSettings settings, CancellationToken cancellationToken)
    {
        var saved = SavedReportReader.Read(settings.File);
        // The tool recorded in the report, not this binary's: the HTML footer and the OCSF/ASFF metadata name it.
        ReportOutput.Write(saved.Report, settings.AsAuditSettings(), terminal, saved.Tool);
        // Rendering succeeded: 0 whatever the findings (the audit's exit code gates; `report diff` gates between runs).
        return Task.FromResult(ExitCodes.Ok);
    }
}
