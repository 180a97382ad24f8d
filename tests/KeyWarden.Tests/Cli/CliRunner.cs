using KeyWarden.Cli;
using Spectre.Console.Testing;

namespace KeyWarden.Tests.Cli;

/// <summary>Runs the real command tree in-process with a test console, a captured stderr and a fixed clock.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Task<Result> RunAsync(params string[] args) => RunAsync(new FixedClock(TestData.AsOf), args);

    public static async Task<Result> RunAsync(TimeProvider clock, params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        var err = new StringWriter();
        var terminal = new Terminal(console, err, new StringReader(string.Empty), IsInteractive: false);
        var code = await KeyWardenApp.RunAsync(args, terminal, clock);
        return new Result(code, console.Output, err.ToString());
    }
}
