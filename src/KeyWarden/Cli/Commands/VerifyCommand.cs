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
        var targets = LoadTargets(settings.File);
        if (targets.Count == 0)
        {
            terminal.Note($"{settings.File} names no user to verify");
            return ExitCodes.Ok;
        }

        using var connection = AwsClientFactory.Connect(settings);
        var identity = await connection.Sts.GetCallerIdentityAsync(cancellationToken);
        var results = await new Verifier(connection.Iam).VerifyAsync(targets, identity.Account, cancellationToken);
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
    private IReadOnlyList<VerifyTarget> LoadTargets(string path)
    {
        if (!File.Exists(path))
        {
            throw KeyWardenException.Input($"{path}: no such file");
        }

        if (VerifyInput.IsPlan(path))
        {
            return Verifier.TargetsOf(PlanFile.Load(path));
        }

        var contents = ChangeJournal.ReadContents(path);
        if (contents.UnchainedNote(path) is { } note)
        {
            terminal.Note(note);
        }

        return Verifier.TargetsOf(new JournalState(contents.Records));
    }
}
