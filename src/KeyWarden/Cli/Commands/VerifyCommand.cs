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

    /// <summary>A plan file is one JSON object of kind keywarden-remediation-plan; anything else is read as a journal.</summary>
    private static IReadOnlyList<VerifyTarget> LoadTargets(string path)
    {
        if (!File.Exists(path))
        {
            throw KeyWardenException.Input($"{path}: no such file");
        }

        var isPlan = File.ReadAllText(path).Contains($"\"{RemediationPlan.PlanKind}\"", StringComparison.Ordinal)
            && !path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
        return isPlan
            ? Verifier.TargetsOf(PlanFile.Load(path))
            : Verifier.TargetsOf(new JournalState(ChangeJournal.Read(path)));
    }
}
