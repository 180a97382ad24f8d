using KeyWarden.Remediation;
using Spectre.Console;

namespace KeyWarden.Cli;

/// <summary>The human views of plans, runs and verifications.</summary>
internal static class RemediationTables
{
    public static void RenderPlan(IAnsiConsole console, RemediationPlan plan)
    {
        console.MarkupLine($"[grey]plan {Markup.Escape(plan.PlanId)} made {plan.CreatedAt} by {plan.Tool.Name} {plan.Tool.Version}; "
            + $"accounts {Markup.Escape(string.Join(", ", plan.Accounts.Select(a => a.AccountId)))}{(plan.Offline ? "; [yellow]offline: for review only, apply refuses it[/]" : string.Empty)}[/]");
        if (plan.Steps.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("Steps: deactivate (never delete)");
            foreach (var column in new[] { "#", "Account", "User", "Deactivate", "Keep", "Classification", "Flags" })
            {
                table.AddColumn(column);
            }

            foreach (var step in plan.Steps)
            {
                var flags = string.Join(", ", new[] { step.NeedsReview ? "needs review" : null, step.RotateKeeper ? "rotate kept key" : null }.OfType<string>());
                table.AddRow(Cells(step.StepId, step.AccountId, step.User, step.DeactivateKey, step.KeepKey, step.Classification ?? "-", flags));
            }

            console.Write(table);
        }

        if (plan.Skipped.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("Not planned");
            foreach (var column in new[] { "Account", "User", "Classification", "Why" })
            {
                table.AddColumn(column);
            }

            foreach (var skip in plan.Skipped)
            {
                table.AddRow(Cells(skip.AccountId ?? "-", skip.User, skip.Classification ?? "-", skip.Reason));
            }

            console.Write(table);
        }

        console.MarkupLine($"{plan.Steps.Count} step(s) planned, {plan.Skipped.Count} failing principal(s) not planned");
    }

    public static void RenderRun(IAnsiConsole console, string title, RunReport run)
    {
        if (run.Steps.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title(title);
            foreach (var column in new[] { "#", "Account", "User", "Key", "Result", "Detail" })
            {
                table.AddColumn(column);
            }

            foreach (var step in run.Steps)
            {
                table.AddRow(
                    new Text(step.StepId), new Text(step.AccountId), new Text(step.User), new Text(step.KeyId),
                    new Markup(ResultMarkup(step.Result)), new Text(step.Reason));
            }

            console.Write(table);
        }

        var counts = run.Steps.GroupBy(s => s.Result).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}");
        console.MarkupLine(Markup.Escape(string.Join(", ", counts.DefaultIfEmpty("nothing to do")) + (run.Interrupted ? "; interrupted before the remaining steps" : string.Empty)));
    }

    public static void RenderVerify(IAnsiConsole console, IReadOnlyList<VerifyResult> results)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("CIS confirmation: ListAccessKeys");
        foreach (var column in new[] { "Result", "Account", "User", "Kept key", "Active keys", "Detail" })
        {
            table.AddColumn(column);
        }

        foreach (var result in results)
        {
            table.AddRow(
                new Markup(result.Passed ? "[green]PASS[/]" : "[red]FAIL[/]"), new Text(result.AccountId), new Text(result.User),
                new Text(result.KeepKey), new Text(string.Join("\n", result.ActiveKeys.DefaultIfEmpty("-"))), new Text(result.Detail));
        }

        console.Write(table);
        console.MarkupLine($"{results.Count(r => r.Passed)} of {results.Count} user(s) have only the kept key active");
    }

    private static Text[] Cells(params string[] values) => values.Select(v => new Text(v)).ToArray();

    private static string ResultMarkup(string result) => result switch
    {
        StepResult.Changed => "[green]changed[/]",
        StepResult.AlreadyDone => "[grey]already done[/]",
        StepResult.Skipped => "[yellow]skipped[/]",
        StepResult.Failed => "[red]failed[/]",
        StepResult.Unknown => "[red]unknown[/]",
        StepResult.Reversed => "[yellow]reversed[/]",
        StepResult.NotAttempted => "[grey]not attempted[/]",
        StepReport.WouldDeactivate => "[blue]would deactivate[/]",
        _ => Markup.Escape(result),
    };
}
