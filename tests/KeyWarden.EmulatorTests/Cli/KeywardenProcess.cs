using System.Diagnostics;
using System.Text;
using KeyWarden.EmulatorTests.Infrastructure;

namespace KeyWarden.EmulatorTests.Cli;

/// <summary>
/// Runs the real, built `keywarden` as a child process against moto, with an environment that holds only the
/// given keys and endpoint, so nothing of the developer's own AWS configuration leaks in.
/// </summary>
public static class KeywardenProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    private static string ToolPath => Path.Combine(AppContext.BaseDirectory, "keywarden.dll");

    public static Task<Result> RunAsync(MotoServer moto, MotoCredentials credentials, params string[] args) =>
        RunAsync(moto.ProcessEnvironment(credentials), args);

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using var process = Start(environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Starts keywarden with a test pause point set, waits until it reports reaching it, and kills it with
    /// SIGKILL there: a crash at exactly that instant, with no chance to clean up.
    /// </summary>
    public static Task<string> RunAndKillAtAsync(MotoServer moto, MotoCredentials credentials, string pausePoint, params string[] args) =>
        RunAndKillAtAsync(moto.ProcessEnvironment(credentials), pausePoint, args);

    /// <summary>As <see cref="RunAndKillAtAsync(MotoServer, MotoCredentials, string, string[])"/>, with this environment.</summary>
    public static async Task<string> RunAndKillAtAsync(IReadOnlyDictionary<string, string?> baseEnvironment, string pausePoint, params string[] args)
    {
        var environment = new Dictionary<string, string?>(baseEnvironment) { ["KEYWARDEN_TEST_PAUSE_AT"] = pausePoint };
        using var process = Start(environment, args);
        var stderr = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            stderr.AppendLine(line);
            if (line.Contains($"test pause at {pausePoint}", StringComparison.Ordinal))
            {
                process.Kill(entireProcessTree: true); // SIGKILL on Unix
                await process.WaitForExitAsync(timeout.Token);
                _ = await stdout;
                return stderr.ToString();
            }
        }

        throw new InvalidOperationException($"keywarden exited ({process.ExitCode}) without reaching {pausePoint}:\n{stderr}\n{await stdout}");
    }

    /// <summary>
    /// Starts keywarden paused for a few seconds at a point, sends it SIGINT (Ctrl-C) there, and returns how it
    /// ended: the step in flight must finish and be journaled, and no later step may start.
    /// </summary>
    public static async Task<Result> RunAndInterruptAtAsync(MotoServer moto, MotoCredentials credentials, string pausePoint, params string[] args)
    {
        var environment = new Dictionary<string, string?>(moto.ProcessEnvironment(credentials))
        {
            ["KEYWARDEN_TEST_PAUSE_AT"] = pausePoint,
            ["KEYWARDEN_TEST_PAUSE_SECONDS"] = "2",
        };
        using var process = Start(environment, args);
        var stderr = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            stderr.AppendLine(line);
            if (line.Contains($"test pause at {pausePoint}", StringComparison.Ordinal))
            {
                using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync(timeout.Token);
            }
        }

        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, stderr.ToString());
    }

    /// <summary>
    /// Starts keywarden paused for <paramref name="pauseSeconds"/> at a point, runs <paramref name="meanwhile"/> there
    /// (e.g. someone else changing a key in the window between two of apply's calls), and returns how it ended.
    /// </summary>
    public static async Task<Result> RunAndActAtAsync(
        MotoServer moto, MotoCredentials credentials, string pausePoint, Func<Task> meanwhile, int pauseSeconds, params string[] args)
    {
        var environment = new Dictionary<string, string?>(moto.ProcessEnvironment(credentials))
        {
            ["KEYWARDEN_TEST_PAUSE_AT"] = pausePoint,
            ["KEYWARDEN_TEST_PAUSE_SECONDS"] = pauseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        using var process = Start(environment, args);
        var stderr = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var reached = false;
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            stderr.AppendLine(line);
            if (line.Contains($"test pause at {pausePoint}", StringComparison.Ordinal))
            {
                reached = true;
                await meanwhile();
            }
        }

        await process.WaitForExitAsync(timeout.Token);
        if (!reached)
        {
            throw new InvalidOperationException($"keywarden exited ({process.ExitCode}) without reaching {pausePoint}:\n{stderr}\n{await stdout}");
        }

        return new Result(process.ExitCode, await stdout, stderr.ToString());
    }

    private static Process Start(IReadOnlyDictionary<string, string?> environment, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(ToolPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start keywarden");
        process.StandardInput.Close(); // no terminal: apply must refuse without --yes
        return process;
    }
}
