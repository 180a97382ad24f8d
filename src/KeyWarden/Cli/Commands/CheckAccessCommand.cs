using System.ComponentModel;
using System.Text.Json;
using KeyWarden.Accounts;
using KeyWarden.Cli.Settings;
using KeyWarden.Common;
using KeyWarden.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Commands;

[Description("Preflight for a fleet: in each selected account, can KeyWarden assume the role, call STS, read the credential report, list users and keys (and, with --for-remediation, call UpdateAccessKey)? Changes nothing.")]
public sealed class CheckAccessCommand(Terminal terminal, TimeProvider clock) : AsyncCommand<CheckAccessSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CheckAccessSettings settings, CancellationToken cancellationToken)
    {
        using var hub = AwsClientFactory.Connect(settings);
        using var accounts = await AccountConnections.OpenAsync(hub, settings.ToRoleChoice(), cancellationToken);
        var (selection, fileRoles) = await FleetInventory.SelectAsync(settings, accounts, terminal, cancellationToken);
        var results = await FleetProgressDisplay.RunAsync(terminal, settings.Quiet || !settings.SelectsAccounts, clock, selection.Selected.Count, progress =>
            AccountScheduler.RunAsync(
                selection.Selected,
                settings.MaxAccounts,
                (target, ct) => AccessCheck.RunAsync(accounts, target, fileRoles[target.AccountId], settings.ForRemediation, ct),
                (target, result) => progress.Finished(target.AccountId, target.Name,
                    result.Passed ? Inventory.AccountStatus.Ok : result.Status == "access-denied" ? Inventory.AccountStatus.AccessDenied : Inventory.AccountStatus.Error, null),
                cancellationToken));

        var skipped = selection.Skipped.Select(s => new AccessCheckResult(s.Account.AccountId, s.Account.Name, null, "skipped", [new AccessCheckStep("selection", "not-checked", s.Reason)]));
        var all = results.Concat(skipped).OrderBy(r => r.AccountId, StringComparer.Ordinal).ToList();
        var failed = results.Where(r => !r.Passed).ToList();

        if (settings.Output is { } path)
        {
            ReportOutput.WriteFile(path, writer => Write(writer, all, settings));
        }
        else if (settings.Format == "json")
        {
            Write(terminal.Out.Profile.Out.Writer, all, settings);
        }
        else
        {
            Render(terminal.Out, all, settings.ForRemediation);
        }

        if (settings.FailuresFile is { } failuresFile)
        {
            ReportOutput.WriteFile(failuresFile, writer =>
            {
                writer.WriteLine($"# accounts check-access found failing at {Timestamps.Format(clock.GetUtcNow())}; re-run with --accounts-file {Path.GetFileName(failuresFile)}");
                foreach (var result in failed)
                {
                    writer.WriteLine(result.AccountId);
                }
            });
        }

        terminal.Note($"{results.Count - failed.Count} of {results.Count} account(s) passed every check{(selection.Skipped.Count > 0 ? $"; {selection.Skipped.Count} skipped" : "")}");
        return failed.Count == 0 ? ExitCodes.Ok : ExitCodes.AwsOrRuntime;
    }

    private static void Write(TextWriter writer, IReadOnlyList<AccessCheckResult> results, CheckAccessSettings settings)
    {
        if (settings.Format == "json")
        {
            writer.WriteLine(JsonSerializer.Serialize(new { forRemediation = settings.ForRemediation, passed = results.All(r => r.Passed || r.Status == "skipped"), accounts = results }, JsonReportWriter.Options));
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 200;
        Render(console, results, settings.ForRemediation);
    }

    private static string ShortLabel(string check) => check switch
    {
        AccessCheck.AssumeRole => "role",
        AccessCheck.CredentialReport => "report",
        AccessCheck.ListUsers => "users",
        AccessCheck.ListAccessKeys => "keys",
        AccessCheck.UpdateAccessKey => "update",
        _ => check,
    };

    private static void Render(IAnsiConsole console, IReadOnlyList<AccessCheckResult> results, bool forRemediation)
    {
        var checks = new List<string> { AccessCheck.AssumeRole, AccessCheck.Sts, AccessCheck.CredentialReport, AccessCheck.ListUsers, AccessCheck.ListAccessKeys };
        if (forRemediation)
        {
            checks.Add(AccessCheck.UpdateAccessKey);
        }

        // Sized for 80 columns: one short column per check, values only; the account's name and what failed go under the
        // table, one wrapped line per account, so that no id is cut and no column is squeezed.
        var table = new IdSafeTable("Access check", [("Account", false), ("Status", false), .. checks.Select(c => (ShortLabel(c), false))]);
        var notes = new List<string>();
        foreach (var result in results)
        {
            var cells = new List<(Spectre.Console.Rendering.IRenderable, string)>
            {
                (new Text(TerminalText.Escape(result.AccountId)), TerminalText.Escape(result.AccountId)),
                (new Markup(result.Status switch { "ok" => "[green]ok[/]", "skipped" => "[grey]skipped[/]", _ => $"[red]{Markup.Escape(result.Status)}[/]" }), result.Status),
            };
            foreach (var check in checks)
            {
                var step = result.Checks.FirstOrDefault(s => s.Check == check);
                var shown = step?.Result switch { "ok" => "ok", "denied" => "denied", "error" => "error", _ => "-" };
                cells.Add((new Markup(shown switch { "ok" => "[green]ok[/]", "-" => "[grey]-[/]", _ => $"[red]{shown}[/]" }), shown));
            }

            table.AddRow([.. cells]);
            var problem = result.Checks.FirstOrDefault(s => s.Result is "denied" or "error") ?? result.Checks.FirstOrDefault(s => s.Check == "selection");
            if (problem is not null || result.AccountName is not null)
            {
                var who = result.AccountName is { } name ? $"{result.AccountId} ({name})" : result.AccountId;
                notes.Add(TerminalText.EscapeLine(problem is null ? who : $"{who}: {problem.Check}: {problem.Detail}"));
            }
        }

        console.MarkupLine(Markup.Escape("checks: " + string.Join(", ", checks.Where(c => ShortLabel(c) != c).Select(c => $"{ShortLabel(c)} = {c}"))));
        table.Write(console);
        foreach (var note in notes)
        {
            foreach (var line in Help.WordWrapper.Wrap(note, console.Profile.Width, 2, 4))
            {
                console.WriteLine(line.ToString());
            }
        }
    }
}
