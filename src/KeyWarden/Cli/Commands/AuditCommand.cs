using System.ComponentModel;
using KeyWarden.Audit;
using KeyWarden.Audit.Exceptions;
using KeyWarden.Cli.Settings;
using KeyWarden.Reports;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Commands;

[Description("Find IAM users (root included) with more than one active access key, and say which key to keep and why.")]
public sealed class AuditCommand(Terminal terminal, TimeProvider clock) : AsyncCommand<AuditSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, AuditSettings settings, CancellationToken cancellationToken)
    {
        var asOf = settings.ResolveAsOf(clock);
        var exceptions = ExceptionsFile.Load(settings.Exceptions); // before any AWS call: a bad file exits 2
        var inventories = await InventorySources.ReadAsync(settings, clock, cancellationToken);
        var report = Auditor.Audit(inventories, settings.ToParameters(), asOf, clock.GetUtcNow());
        if (exceptions is not null)
        {
            report = ExceptionMatcher.Apply(report, exceptions);
        }

        ReportOutput.Write(report, settings, terminal, ToolInfo.Current);
        SourceNotes.Tell(terminal, report);
        ExceptionsFile.Tell(terminal, report);
        return ExitCodeFor(report);
    }

    /// <summary>"Could not evaluate" outranks FAIL: a run that missed something cannot vouch for its result.</summary>
    internal static int ExitCodeFor(AuditReport report) =>
        report.HasSourceErrors || report.Summary.Error > 0 ? ExitCodes.AwsOrRuntime
        : report.Summary.Fail > 0 ? ExitCodes.Findings
        : ExitCodes.Ok;
}
