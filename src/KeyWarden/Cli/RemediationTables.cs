using KeyWarden.Common;
using KeyWarden.Remediation;
using Spectre.Console;

namespace KeyWarden.Cli;

/// <summary>
/// The human views of plans, runs and verifications. A plan or journal file is input like any other: every value
/// shown goes through <see cref="TerminalText"/> so that it cannot carry escape sequences or bidi overrides.
/// </summary>
internal static class RemediationTables
{
    public static void RenderPlan(IAnsiConsole console, RemediationPlan plan)
    {
        console.MarkupLine($"[grey]plan {Value(plan.PlanId)} made {plan.CreatedAt} by {Value(plan.Tool.Name)} {Value(plan.Tool.Version)}; "
            + $"accounts {Markup.Escape(string.Join(", ", plan.Accounts.Select(a => TerminalText.Escape(a.AccountId))))}{(plan.Offline ? "; [yellow]offline: for review only, apply refuses it[/]" : string.Empty)}[/]");
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
                table.AddRow(Cells(step.StepId, step.AccountId, step.User, step.DeactivateKey, step.KeepKey ?? "-", step.Classification ?? RuleLabel(step.RuleId), flags));
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
                table.AddRow(ValueCell(skip.AccountId ?? "-"), ValueCell(skip.User), ValueCell(skip.Classification ?? (skip.RuleId is { } rule ? RuleLabel(rule) : "-")), SentenceCell(skip.Reason));
            }

            console.Write(table);
        }

        console.MarkupLine($"{plan.Steps.Count} step(s) planned, {plan.Skipped.Count} failing principal(s) not planned");
    }

    // A step or skip of a key-level rule has no classification: its rule says what it is about.
    private static string RuleLabel(string ruleId) => ruleId == PlanRules.SingleActiveKey ? "-" : ruleId;

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
                    ValueCell(step.StepId), ValueCell(step.AccountId), ValueCell(step.User), ValueCell(step.KeyId),
                    new Markup(ResultMarkup(step.Result)), SentenceCell(step.Reason));
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
                new Markup(result.Passed ? "[green]PASS[/]" : "[red]FAIL[/]"), ValueCell(result.AccountId), ValueCell(result.User),
                ValueCell(result.KeepKey ?? "-"), new Text(string.Join("\n", result.ActiveKeys.Select(TerminalText.Escape).DefaultIfEmpty("-"))), SentenceCell(result.Detail));
        }

        console.Write(table);
        var planned = results.Where(r => r.Planned).ToList();
        console.MarkupLine($"{planned.Count(r => r.Passed)} of {planned.Count} planned user(s) passed; {results.Count(r => r.MoreThanOneActiveKey)} user(s) still have more than one active key");
        if (results.Count > planned.Count)
        {
            var others = results.Where(r => !r.Planned).ToList();
            console.MarkupLine($"{others.Count(r => r.Passed)} of {others.Count} other user(s) of the accounts passed (--all)");
        }
    }

    private static Text[] Cells(params string[] values) => values.Select(ValueCell).ToArray();

    // A value from the plan, journal or AWS: unsafe characters and backslashes escaped (Text takes no markup).
    private static Text ValueCell(string? value) => new(TerminalText.Escape(value));

    // A sentence of ours around data: unsafe characters escaped, backslashes kept.
    private static Text SentenceCell(string? text) => new(TerminalText.EscapeLine(text));

    private static string Value(string? value) => Markup.Escape(TerminalText.Escape(value));

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
