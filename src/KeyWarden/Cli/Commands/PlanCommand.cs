using System.ComponentModel;
using KeyWarden.Cli.Settings;
using KeyWarden.Remediation;
using KeyWarden.Reports;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Commands;

[Description("Write a reviewable remediation plan: one deactivation per key to deactivate, for iam-single-active-access-key by default (--rules iam-access-key-unused plans the unused keys). Changes nothing in AWS.")]
public sealed class PlanCommand(Terminal terminal, TimeProvider clock) : AsyncCommand<PlanSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, PlanSettings settings, CancellationToken cancellationToken)
    {
        var report = await AuditRunner.RunAsync(settings, clock, terminal, cancellationToken);
        SourceNotes.Tell(terminal, report);
        ExceptionsFile.Tell(terminal, report);
        if (report.HasSourceErrors)
        {
            // A plan from an account that could not be read would look like "nothing to do".
            return ExitCodes.AwsOrRuntime;
        }

        var plan = Planner.Plan(report, ToolInfo.Current, Guid.NewGuid().ToString(), settings.IncludeNeedsReview, settings.IncludeRotations);
        PlanFile.Save(plan, settings.Out);
        RemediationTables.RenderPlan(terminal.Out, plan);
        terminal.Note($"wrote {settings.Out}; review it, then: keywarden apply {settings.Out}");
        return report.Summary.Error > 0 ? ExitCodes.AwsOrRuntime : ExitCodes.Ok;
    }
}
