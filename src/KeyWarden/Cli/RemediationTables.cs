using KeyWarden.Common;
using KeyWarden.Remediation;
using Spectre.Console;
using Spectre.Console.Rendering;

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
            // Sized for 80 columns where it can be: one account goes into the title, and the flags under the classification.
            var table = new IdSafeTable("Steps: deactivate (never delete)",
                ("#", false), ("Account", false), ("User", false), ("Deactivate", false), ("Keep", false), ("Classification", false)).FoldIntoTitle("Account", InAccount);
            foreach (var step in plan.Steps)
            {
                var what = new[] { step.Classification ?? RuleLabel(step.RuleId), step.NeedsReview ? "needs review" : null, step.RotateKeeper ? "rotate kept key" : null };
                table.AddRow(ValueCell(step.StepId), ValueCell(step.AccountId), ValueCell(step.User), ValueCell(step.DeactivateKey), ValueCell(step.KeepKey ?? "-"), LinesCell(what.OfType<string>()));
            }

            table.Write(console);
        }

        if (plan.Skipped.Count > 0)
        {
            var table = new IdSafeTable("Not planned", ("Account", false), ("User", false), ("Classification", false), ("Why", true));
            foreach (var skip in plan.Skipped)
            {
                table.AddRow(ValueCell(skip.AccountId ?? "-"), ValueCell(skip.User), ValueCell(skip.Classification ?? (skip.RuleId is { } rule ? RuleLabel(rule) : "-")), SentenceCell(skip.Reason));
            }

            table.Write(console);
        }

        console.MarkupLine($"{plan.Steps.Count} step(s) planned, {plan.Skipped.Count} failing principal(s) not planned");
    }

    // One account's id is said in the title instead of in every row (a step then fits 80 columns).
    private const string InAccount = " in account {0}";

    // A step or skip of a key-level rule has no classification: its rule says what it is about.
    private static string RuleLabel(string ruleId) => ruleId == PlanRules.SingleActiveKey ? "-" : ruleId;

    public static void RenderRun(IAnsiConsole console, string title, RunReport run)
    {
        if (run.Steps.Count > 0)
        {
            var table = new IdSafeTable(title, ("#", false), ("Account", false), ("User", false), ("Key", false), ("Result", false), ("Detail", true)).FoldIntoTitle("Account", InAccount);
            foreach (var step in run.Steps)
            {
                table.AddRow(ValueCell(step.StepId), ValueCell(step.AccountId), ValueCell(step.User), ValueCell(step.KeyId), (new Markup(ResultMarkup(step.Result)), step.Result), SentenceCell(step.Reason));
            }

            table.Write(console);
        }

        var counts = run.Steps.GroupBy(s => s.Result).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}");
        console.MarkupLine(Markup.Escape(string.Join(", ", counts.DefaultIfEmpty("nothing to do")) + (run.Interrupted ? "; interrupted before the remaining steps" : string.Empty)));
    }

    public static void RenderVerify(IAnsiConsole console, IReadOnlyList<VerifyResult> results)
    {
        var table = new IdSafeTable("CIS confirmation: ListAccessKeys",
            ("Result", false), ("Account", false), ("User", false), ("Kept key", false), ("Active keys", false), ("Detail", true)).FoldIntoTitle("Account", InAccount);
        foreach (var result in results)
        {
            var active = string.Join("\n", result.ActiveKeys.Select(TerminalText.Escape).DefaultIfEmpty("-"));
            table.AddRow((new Markup(result.Passed ? "[green]PASS[/]" : "[red]FAIL[/]"), "FAIL"), ValueCell(result.AccountId), ValueCell(result.User),
                ValueCell(result.KeepKey ?? "-"), (new Text(active), active), SentenceCell(result.Detail));
        }

        table.Write(console);
        var planned = results.Where(r => r.Planned).ToList();
        console.MarkupLine($"{planned.Count(r => r.Passed)} of {planned.Count} planned user(s) passed; {results.Count(r => r.MoreThanOneActiveKey)} user(s) still have more than one active key");
        if (results.Count > planned.Count)
        {
            var others = results.Where(r => !r.Planned).ToList();
            console.MarkupLine($"{others.Count(r => r.Passed)} of {others.Count} other user(s) of the accounts passed (--all)");
        }
    }

    // A value from the plan, journal or AWS: unsafe characters and backslashes escaped (Text takes no markup).
    private static (IRenderable, string) ValueCell(string? value)
    {
        var text = TerminalText.Escape(value);
        return (new Text(text), text);
    }

    // Values one per line (each escaped: a line break of the data itself stays visible as \u000a).
    private static (IRenderable, string) LinesCell(IEnumerable<string> values)
    {
        var text = string.Join("\n", values.Select(TerminalText.Escape));
        return (new Text(text), text);
    }

    // A sentence of ours around data: unsafe characters escaped, backslashes kept.
    private static (IRenderable, string) SentenceCell(string? text)
    {
        var escaped = TerminalText.EscapeLine(text);
        return (new Text(escaped), escaped);
    }

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
