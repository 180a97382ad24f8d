using System.ComponentModel;
using System.Text.Json;
using KeyWarden.Cli.Settings;
using KeyWarden.Remediation;
using KeyWarden.Reports;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Commands;

[Description("The CIS confirmation step: every user the plan touched has exactly one active key, the kept one.")]
public sealed class VerifyCommand(Terminal terminal) : AsyncCommand<VerifySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, VerifySettings settings, CancellationToken cancellationToken)
    {
        var (targets, roles) = LoadTargets(settings.File);
        if (targets.Count == 0)
        {
            terminal.Note($"{settings.File} names no user to verify");
            return ExitCodes.Ok;
        }

        using var sessions = await RemediationSessions.OpenAsync(settings, cancellationToken);
        var results = new List<VerifyResult>();
        foreach (var account in targets.GroupBy(t => t.AccountId))
        {
            var (session, error) = await sessions.ForAccountAsync(account.Key, roles.GetValueOrDefault(account.Key), cancellationToken);
            if (session is null)
            {
                results.AddRange(account.Select(t => new VerifyResult(t.AccountId, t.User, t.KeepKey, [], false, $"not verified: {error}")));
                continue;
            }

            results.AddRange(await new Verifier(session.Connection.Iam).VerifyAsync(account.ToList(), session.Identity.Account, cancellationToken));
        }

        if (settings.Format == "json")
        {
            terminal.Out.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(new { results, passed = results.All(r => r.Passed) }, JsonReportWriter.Options));
        }
        else
        {
            RemediationTables.RenderVerify(terminal.Out, results);
        }

        return results.All(r => r.Passed) ? ExitCodes.Ok : ExitCodes.Findings;
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
