using KeyWarden.Cli;
using Spectre.Console;

var stdout = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
var terminal = new Terminal(stdout, Console.Error, Console.In, IsInteractive: !Console.IsInputRedirected && !Console.IsErrorRedirected);

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

return await KeyWardenApp.RunAsync(args, terminal, TimeProvider.System, cancellation.Token);
