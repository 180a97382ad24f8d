using KeyWarden.Cli;
using Spectre.Console.Testing;

namespace KeyWarden.Tests.Cli;

/// <summary>Runs the real command tree in-process with a test console, a captured stderr and a fixed clock.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Task<Result> RunAsync(params string[] args) => RunAsync(new FixedClock(TestData.AsOf), args);

    public static Task<Result> RunAsync(TimeProvider clock, params string[] args) => RunAsync(clock, Directory.GetCurrentDirectory(), args);

    /// <summary>As if run from <paramref name="workingDirectory"/>, where ./.keywarden.yaml is looked for; the process's own stays as it is.</summary>
    public static Task<Result> RunInAsync(string workingDirectory, params string[] args) => RunAsync(new FixedClock(TestData.AsOf), workingDirectory, args);

    /// <summary>
    /// With a console of the test's own (one that writes colour, as the process's does even into a pipe), the
    /// environment the test gives (COLUMNS, NO_COLOR) and whether stdout is to count as a terminal.
    /// </summary>
    public static async Task<Result> RunOnAsync(TestConsole console, Func<string, string?> environment, bool outIsTerminal, params string[] args)
    {
        var err = new StringWriter();
        var terminal = new Terminal(console, err, new StringReader(string.Empty), IsInteractive: false) { Environment = environment, OutIsTerminal = outIsTerminal };
        var code = await KeyWardenApp.RunAsync(args, terminal, new FixedClock(TestData.AsOf), Directory.GetCurrentDirectory());
        return new Result(code, console.Output, err.ToString());
    }

    private static async Task<Result> RunAsync(TimeProvider clock, string workingDirectory, string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        var err = new StringWriter();
        // No COLUMNS from the environment the tests happen to run in: off a terminal the table then has no width limit.
        var terminal = new Terminal(console, err, new StringReader(string.Empty), IsInteractive: false) { Environment = _ => null };
        var code = await KeyWardenApp.RunAsync(args, terminal, clock, workingDirectory);
        return new Result(code, console.Output, err.ToString());
    }
}
