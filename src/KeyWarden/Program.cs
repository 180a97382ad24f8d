using KeyWarden.Cli;
using KeyWarden.Common;
using Spectre.Console;

// Everything printed passes through the redactor: a secret echoed back by an endpoint never reaches the terminal.
var redactedOut = new SecretRedactorTextWriter(Console.Out, SecretRedactor.Process);
var redactedErr = new SecretRedactorTextWriter(Console.Error, SecretRedactor.Process);
var stdout = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(redactedOut) });
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
