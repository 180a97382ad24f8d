using KeyWarden.Cli.Commands;
using KeyWarden.Cli.Configuration;
using KeyWarden.Common;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KeyWarden.Cli;

/// <summary>
/// Builds the command tree and runs it. The one place exceptions become exit codes: every error is one
/// line on stderr ("keywarden: error: …"), with a stack trace only under --debug.
/// </summary>
public static class KeyWardenApp
{
    /// <summary>The `report` branch's description (a branch has no class to carry a [Description]).</summary>
    internal const string ReportDescription = "Work with saved JSON reports: render them in other formats, merge them, diff two runs, publish them to Security Hub.";

    public static Task<int> RunAsync(string[] args, Terminal terminal, TimeProvider clock, CancellationToken cancellationToken = default) =>
        RunAsync(args, terminal, clock, Directory.GetCurrentDirectory(), cancellationToken);

    /// <summary>As <see cref="RunAsync(string[], Terminal, TimeProvider, CancellationToken)"/>, looking for ./.keywarden.yaml in <paramref name="workingDirectory"/>.</summary>
    public static async Task<int> RunAsync(string[] args, Terminal terminal, TimeProvider clock, string workingDirectory, CancellationToken cancellationToken = default)
    {
        // Before anything can fail: the secrets the environment and the shared profile files hold (even on a line the
        // SDK rejects) are known to the redactor, so no error path can print them.
        // (Err is redacted line by line: every write to it ends a line.)
        SecretRedactor.Process.AddRange(Aws.AwsProfileFiles.SecretValues(Environment.GetEnvironmentVariable));
        terminal = terminal.Redacting();

        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(Terminal), terminal);
        registrar.RegisterInstance(typeof(TimeProvider), clock);

        var app = new CommandApp(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName("keywarden");
            config.SetApplicationVersion(Reports.ToolInfo.Current.Version);
            config.ConfigureConsole(terminal.Out);
            config.SetHelpProvider(new Help.KeyWardenHelpProvider(terminal));
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.AddCommand<AuditCommand>("audit")
                .WithExample("audit", "--credential-report", "samples/credential-report.csv")
                .WithExample("audit", "--format", "json", "--output", "report.json");
            config.AddCommand<PlanCommand>("plan")
                .WithExample("plan", "-o", "plan.json");
            config.AddCommand<ApplyCommand>("apply")
                .WithExample("apply", "plan.json");
            config.AddCommand<VerifyCommand>("verify")
                .WithExample("verify", "plan.json")
                .WithExample("verify", "plan.json", "--all", "--format", "junit", "-o", "verify.junit.xml");
            config.AddCommand<UndoCommand>("undo")
                .WithExample("undo", "plan.journal.jsonl");
            config.AddCommand<CheckAccessCommand>("check-access")
                .WithExample("check-access", "--org", "--for-remediation")
                .WithExample("check-access", "--accounts-file", "failed.txt");
            config.AddCommand<RulesCommand>("rules")
                .WithExample("rules")
                .WithExample("rules", "--benchmark", "cis-7.0", "--format", "json");
            config.AddBranch("report", report =>
            {
                report.SetDescription(ReportDescription);
                report.AddCommand<ReportRenderCommand>("render")
                    .WithExample("report", "render", "report.json", "--format", "html,ocsf", "--output-dir", "out");
                report.AddCommand<ReportMergeCommand>("merge")
                    .WithExample("report", "merge", "prod.json", "dev.json", "-o", "all.json");
                report.AddCommand<ReportDiffCommand>("diff")
                    .WithExample("report", "diff", "last-week.json", "today.json");
                report.AddCommand<ReportPublishCommand>("publish")
                    .WithExample("report", "publish", "report.json", "--security-hub", "--region", "eu-west-1");
            });
        });

        var debug = args.Contains("--debug");
        AppliedConfig? config = null;
        try
        {
            if (NamesNoCommand(args))
            {
                // Nothing to do is a usage error, so a script that lost its command does not pass: the help, then exit 2.
                await app.RunAsync(["--help"], cancellationToken);
                throw KeyWardenException.Usage("no command given; see the commands above");
            }

            if (args.Where(a => !a.StartsWith('-')).ToList() is ["report"] && !args.Any(a => a is "-h" or "--help" or "-?"))
            {
                // As for `keywarden` alone: a branch without its subcommand is a usage error (Spectre would exit 1, the FAIL code).
                await app.RunAsync(["report", "--help"], cancellationToken);
                throw KeyWardenException.Usage("report: no subcommand given (render, merge, diff or publish); see the subcommands above");
            }

            OptionConflicts.Check(args);
            config = ApplyConfig(args, terminal, workingDirectory);
            return await app.RunAsync(config?.Arguments ?? args, cancellationToken);
        }
        catch (KeyWardenException e)
        {
            return Fail(terminal, e.ExitCode, config?.Attribute(e.Message) ?? e.Message, e, debug);
        }
        catch (CommandAppException e)
        {
            // Parse and validation errors: unknown option, bad value, failed Validate().
            var message = UsageMessage(e, args);
            return Fail(terminal, ExitCodes.UsageOrInput, config?.Attribute(message) ?? message, e, debug);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(terminal, ExitCodes.Interrupted, "interrupted", e, debug);
        }
        catch (Exception e) when (Aws.AwsErrorDescriber.Describe(e) is { } failure)
        {
            return Fail(terminal, ExitCodes.AwsOrRuntime, failure.OneLineMessage, e, debug);
        }
        catch (Exception e)
        {
            return Fail(terminal, ExitCodes.AwsOrRuntime, $"unexpected {e.GetType().Name}: {e.Message}", e, debug);
        }
    }

    /// <summary>
    /// The command line with the config file's settings added where it gives no option of its own (the command line
    /// wins); null when there is no file or nothing to apply it to (help, version). Said on stderr when the file was
    /// picked up from the current directory rather than named: a setting nobody typed should not go unnoticed.
    /// </summary>
    private static AppliedConfig? ApplyConfig(string[] args, Terminal terminal, string workingDirectory)
    {
        // An unknown command ("audti") is told as such by the parser, not hidden behind an error of the config file.
        if (AsksForHelpOrVersion(args) || ConfigArguments.SectionOf(args) is not { } section || !ConfigKeys.Commands.ContainsKey(section))
        {
            return null;
        }

        if (ConfigFileLoader.Load(args, workingDirectory) is not var (file, isImplicit))
        {
            return null;
        }

        var applied = ConfigArguments.Apply(args, file, section, ConfigFileLoader.DirectoryOf(file.Path, workingDirectory));
        if (isImplicit && applied.Supplied.Count > 0)
        {
            terminal.Note($"keywarden: note: settings from {file.Path}: {string.Join(", ", applied.Supplied.Select(v => v.Key.Name))} (command-line options win; docs/configuration.md)");
        }

        return applied;
    }

    /// <summary>No command word and none of the options that stand alone (help, version).</summary>
    private static bool NamesNoCommand(string[] args) => !args.Any(a => !a.StartsWith('-')) && !AsksForHelpOrVersion(args);

    /// <summary>The options that print something and stop, whatever else is given.</summary>
    private static bool AsksForHelpOrVersion(string[] args) => args.Any(a => a is "-h" or "--help" or "-?" or "-v" or "--version");

    /// <summary>
    /// Spectre's parse errors, made to name what to do: an unknown option or command points at the help that lists
    /// the right ones; a value Spectre could not convert names the option when OptionConflicts did not catch it first.
    /// </summary>
    private static string UsageMessage(CommandAppException e, string[] args)
    {
        var command = args.FirstOrDefault(a => !a.StartsWith('-'));
        if (e.Message.StartsWith("Unknown option", StringComparison.Ordinal) || e.Message.StartsWith("Unexpected option", StringComparison.Ordinal))
        {
            // Spectre names the option without its dashes ('bogus'): quote it as it was typed.
            var named = e.Message.Split('\'') is [_, var name, ..] ? name : null;
            var typed = named is null ? null : args.FirstOrDefault(a => a.StartsWith('-') && a.TrimStart('-').Split('=', ':')[0] == named)?.Split('=', ':')[0];
            var what = typed is null ? e.Message.TrimEnd('.') : $"unknown option '{typed}'";
            return $"{what}; see `keywarden {(command is null ? "" : command + " ")}--help`";
        }

        if (e.Message.StartsWith("Unknown command", StringComparison.Ordinal))
        {
            return $"{e.Message.TrimEnd('.')}; see `keywarden --help`";
        }

        return e.Message;
    }

    private static int Fail(Terminal terminal, int exitCode, string message, Exception exception, bool debug)
    {
        terminal.Err.WriteLine($"keywarden: error: {SecretRedactor.Process.Redact(OneLine(message))}");
        if (debug)
        {
            // Exception messages (inner ones too) may quote what a server or a profile file said: redacted as well.
            // One write per line: stderr escapes line breaks inside a write (Terminal.Err), a trace keeps its lines.
            foreach (var line in SecretRedactor.Process.Redact(exception.ToString()).Split('\n'))
            {
                terminal.Err.WriteLine(line.TrimEnd('\r'));
            }
        }

        return exitCode;
    }

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
