using System.ComponentModel;
using KeyWarden.Cli.Settings;
using KeyWarden.Reports;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Commands;

[Description("Compare two saved JSON reports: new FAILs, resolved ones, those still failing (exit 1 when there are new FAILs).")]
public sealed class ReportDiffCommand(Terminal terminal) : AsyncCommand<ReportDiffSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, ReportDiffSettings settings, CancellationToken cancellationToken)
    {
        var diff = SavedReportDiff.Of(SavedReportReader.Read(settings.Old), SavedReportReader.Read(settings.New));
        Action<TextWriter> write = settings.Format == "json" ? w => SavedReportDiffWriter.WriteJson(diff, w) : w => SavedReportDiffWriter.WriteText(diff, w);
        if (settings.Output is { } output)
        {
            ReportOutput.WriteFile(output, write);
            terminal.Note($"wrote {output}");
        }
        else
        {
            var stdout = new Common.SecretRedactorTextWriter(terminal.Out.Profile.Out.Writer, Common.SecretRedactor.Process);
            write(stdout);
            stdout.Flush();
        }

        return Task.FromResult(diff.HasNewFails ? ExitCodes.Findings : ExitCodes.Ok);
    }
}
