using KeyWarden.Cli;
using KeyWarden.Common;
using Spectre.Console;

// Everything printed passes through the redactor: a secret echoed back by an endpoint never reaches the terminal.
var redactedOut = new SecretRedactorTextWriter(Console.Out, SecretRedactor.Process);
var redactedErr = new SecretRedactorTextWriter(Console.Error, SecretRedactor.Process);
// Spectre cannot see a terminal behind a TextWriter: off a terminal (a pipe, `| tee log`, `> file`) say so, so that the
// plan, apply, undo and verify tables carry no colour codes and take COLUMNS or no width limit, as the audit table does.
var outRedirected = Console.IsOutputRedirected;
var stdout = AnsiConsole.Create(new AnsiConsoleSettings
{
    Out = new AnsiConsoleOutput(redactedOut),
    Ansi = outRedirected ? AnsiSupport.No : AnsiSupport.Detect,
    ColorSystem = outRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
});
if (outRedirected)
{
    stdout.Profile.Width = ReportOutput.OffTerminalWidth(Environment.GetEnvironmentVariable("COLUMNS"));
}

var terminal = new Terminal(stdout, redactedErr, Console.In, IsInteractive: !Console.IsInputRedirected && !Console.IsErrorRedirected)
{
    OpenControllingTerminal = ControllingTerminal.Open,
    OutIsTerminal = !Console.IsOutputRedirected,
};

// First Ctrl-C asks commands to stop between steps; a second one ends the process.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        cancellation.Cancel();
        Console.Error.WriteLine("keywarden: stopping after the current step (Ctrl-C again to abort)");
    }
};

var exitCode = await KeyWardenApp.RunAsync(args, terminal, TimeProvider.System, cancellation.Token);
redactedOut.Flush();
redactedErr.Flush();
return exitCode;
