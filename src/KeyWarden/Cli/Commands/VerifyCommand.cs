using System.ComponentModel;
using System.Text.Json;
using KeyWarden.Cli.Settings;
using KeyWarden.Remediation;
using KeyWarden.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Commands;

[Description("The CIS confirmation step: every user the plan touched has exactly one active key (for an iam-access-key-unused step: its key is no longer active); with --all, no user of its accounts has more than one.")]
public sealed class VerifyCommand(Terminal terminal, TimeProvider clock) : AsyncCommand<VerifySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, VerifySettings settings, CancellationToken cancellationToken)
    {
        var (targets, roles) = LoadTargets(settings.File);
        // The accounts to read, in a stable order: those of the users to verify; with --all, then every other account
        // the plan or journal covers (a plan's account with nothing to deactivate still has users to confirm).
        var accountIds = targets.Select(t => t.AccountId)
            .Concat(settings.All ? roles.Keys.Order(StringComparer.Ordinal) : [])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (targets.Count == 0 && !(settings.All && accountIds.Count > 0))
        {
            terminal.Note($"{settings.File} names no user to verify");
            return ExitCodes.Ok;
        }

        using var sessions = await RemediationSessions.OpenAsync(settings, cancellationToken);
        var results = new List<VerifyResult>();
        foreach (var accountId in accountIds)
        {
            var accountTargets = targets.Where(t => t.AccountId == accountId).ToList();
            var (session, error) = await sessions.ForAccountAsync(accountId, roles.GetValueOrDefault(accountId), cancellationToken);
            if (session is null)
            {
                results.AddRange(accountTargets.Select(t => new VerifyResult(t.AccountId, t.User, t.KeepKey, [], false, $"not verified: {error}") { DeactivatedKey = t.DeactivatedKey }));
                if (settings.All)
                {
                    results.Add(new VerifyResult(accountId, Verifier.EveryUser, null, [], false, $"not verified: {error}") { Planned = false });
                }

                continue;
            }

            var verifier = new Verifier(session.Connection.Iam);
            results.AddRange(settings.All
                ? await verifier.VerifyEveryUserAsync(accountTargets, session.Identity.Account, cancellationToken)
                : await verifier.VerifyAsync(accountTargets, session.Identity.Account, cancellationToken));
        }

        if (settings.Output is { } output)
        {
            ReportOutput.WriteFile(output, writer => Write(writer, results, settings, forFile: true));
            terminal.Note($"wrote {output}");
        }
        else
        {
            Write(terminal.Out.Profile.Out.Writer, results, settings, forFile: false);
        }

        var moreThanOne = results.Count(r => r.MoreThanOneActiveKey);
        if (settings.All || moreThanOne > 0)
        {
            terminal.Note($"{moreThanOne} user(s) still have more than one active key");
        }

        return results.All(r => r.Passed) ? ExitCodes.Ok : ExitCodes.Findings;
    }

    private void Write(TextWriter writer, IReadOnlyList<VerifyResult> results, VerifySettings settings, bool forFile)
    {
        var passed = results.All(r => r.Passed);
        switch (settings.Format)
        {
            case "json":
                writer.WriteLine(JsonSerializer.Serialize(
                    new { results, passed, moreThanOneActiveKey = results.Count(r => r.MoreThanOneActiveKey), allUsers = settings.All },
                    JsonReportWriter.Options));
                break;
            case "junit":
                VerifyJUnitWriter.Write(results, clock.GetUtcNow(), writer);
                break;
            default:
                if (forFile)
                {
                    // A file gets plain text, as wide as a table needs, the same as check-access -o.
                    var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
                    console.Profile.Width = 200;
                    RemediationTables.RenderVerify(console, results);
                }
                else
                {
                    RemediationTables.RenderVerify(terminal.Out, results);
                }

                break;
        }

        writer.Flush();
    }

    /// <summary>
    /// A plan is one JSON document whose "kind" is the plan kind; a journal is JSON lines whose first line is a record
    /// (it has a "type"). Decided by parsing, not by looking for a string: a journal whose reason mentions the plan kind
    /// is still a journal, and a plan with the kind further down is still a plan.
    /// </summary>
    private (IReadOnlyList<VerifyTarget> Targets, IReadOnlyDictionary<string, string?> Roles) LoadTargets(string path)
    {
        if (!File.Exists(path))
        {
            throw KeyWardenException.Input($"{path}: no such file");
        }

        if (VerifyInput.IsPlan(path))
        {
            var plan = PlanFile.Load(path);
            return (Verifier.TargetsOf(plan), plan.Accounts.ToDictionary(a => a.AccountId, a => a.RoleArn, StringComparer.Ordinal));
        }

        var contents = ChangeJournal.ReadContents(path);
        if (contents.UnchainedNote(path) is { } note)
        {
            terminal.Note(note);
        }

        return (Verifier.TargetsOf(new JournalState(contents.Records)), JournalRoles(contents.Records));
    }

    /// <summary>The role each account's latest run acted as (from its caller ARN); accounts acted in directly have none.</summary>
    internal static IReadOnlyDictionary<string, string?> JournalRoles(IEnumerable<JournalRecord> records)
    {
        var roles = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var record in records.Where(r => r.Type == JournalRecord.Started && r.AccountId is not null))
        {
            roles[record.AccountId!] = RemediationSessions.RoleFromCaller(record.Caller);
        }

        return roles;
    }
}
