using System.ComponentModel;
using KeyWarden.Cli.Settings;
using KeyWarden.Reports;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Commands;

[Description("Combine saved JSON reports of different accounts or shards into one JSON report (summary recomputed).")]
public sealed class ReportMergeCommand(Terminal terminal) : AsyncCommand<ReportMergeSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, ReportMergeSettings settings, CancellationToken cancellationToken)
    {
        var inputs = settings.Reports.Select(SavedReportReader.Read).ToList();
        var merged = SavedReportMerger.Merge(inputs, settings.Latest);
        ReportOutput.Write(merged, new AuditSettings { Format = "json", Output = settings.Output }, terminal, ToolInfo.Current);
        return Task.FromResult(ExitCodes.Ok);
    }
}
