using System.Diagnostics;
using KeyWarden.Accounts;
using KeyWarden.Inventory;
using Spectre.Console;

namespace KeyWarden.Cli;

/// <summary>
/// Progress of a multi-account run on stderr: on a terminal, Spectre.Console's live progress (accounts done / total,
/// failures, elapsed, time left); elsewhere (CI logs, files) one line per finished account; nothing with --quiet.
/// Only account ids, statuses and counts are shown live: names and errors (which an organization or a server chose)
/// go through the escaping, redacting stderr writer in line mode, and into the report.
/// </summary>
internal static class FleetProgressDisplay
{
    public static async Task<T> RunAsync<T>(Terminal terminal, bool quiet, TimeProvider clock, int total, Func<IFleetProgress, Task<T>> work)
    {
        if (quiet || total == 0)
        {
            return await work(new Silent());
        }

        if (terminal.IsInteractive && !Console.IsErrorRedirected)
        {
            // Stderr is a terminal here, whatever stdout is (a report piped to a file): say so rather than let it be guessed from stdout.
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes, Ansi = AnsiSupport.Yes });
            return await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask($"accounts 0/{total}", maxValue: total);
                    var result = await work(new Live(task, total));
                    context.Refresh(); // the last frame shows the end state, whatever the refresh timer last drew
                    return result;
                });
        }

        return await work(new Lines(terminal, clock, total));
    }

    private static bool IsFailure(AccountStatus status) => status is not AccountStatus.Ok and not AccountStatus.Skipped;

    private sealed class Silent : IFleetProgress
    {
        public void Finished(string accountId, string? accountName, AccountStatus status, string? error) { }
    }

    private sealed class Live(ProgressTask task, int total) : IFleetProgress
    {
        private int _done;
        private int _failed;

        public void Finished(string accountId, string? accountName, AccountStatus status, string? error)
        {
            _done++;
            _failed += IsFailure(status) ? 1 : 0;
            task.Description = _failed == 0 ? $"accounts {_done}/{total}" : $"accounts {_done}/{total}, [red]{_failed} failed[/]";
            task.Increment(1);
        }
    }

    private sealed class Lines(Terminal terminal, TimeProvider clock, int total) : IFleetProgress
    {
        private readonly long _start = clock.GetTimestamp();
        private int _done;
        private int _failed;

        public void Finished(string accountId, string? accountName, AccountStatus status, string? error)
        {
            _done++;
            _failed += IsFailure(status) ? 1 : 0;
            var elapsed = clock.GetElapsedTime(_start);
            var name = accountName is null ? string.Empty : $" ({accountName})";
            var why = error is null ? string.Empty : $": {error}";
            terminal.Note($"keywarden: account {accountId}{name}: {status.ToContractName()}{why} [{_done}/{total} done, {_failed} failed, {elapsed.TotalSeconds:0.0} s]");
        }
    }
}
