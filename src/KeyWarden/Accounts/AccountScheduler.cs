using System.Runtime.ExceptionServices;

namespace KeyWarden.Accounts;

/// <summary>
/// Runs one job per account with bounded concurrency, so a fleet is read in about the time of its slowest accounts
/// without opening a session to every account at once (the hub account's STS rate and memory stay bounded).
/// </summary>
public static class AccountScheduler
{
    /// <summary>
    /// Runs <paramref name="job"/> for every item, at most <paramref name="maxAccounts"/> at once (and never more
    /// workers than items), and returns the results in input order. <paramref name="onFinished"/> is called once per
    /// item whose job returned, as it returns, never two calls at once (progress display needs no lock of its own).
    /// </summary>
    /// <remarks>
    /// Jobs are expected to catch their own failures and return a result saying so (an account's failure is that
    /// account's status, not the run's). An exception that escapes a job (or <paramref name="onFinished"/>) does not cancel
    /// the other jobs: every started job runs to its end, and then the exception of the earliest such item in input order
    /// is rethrown as it was thrown (not wrapped in an AggregateException), so the same failure reads the same every run.
    /// Cancellation stops starting new jobs; jobs already started get the token and finish as they will, then the call
    /// throws <see cref="OperationCanceledException"/> (the results would be incomplete).
    /// </remarks>
    public static async Task<IReadOnlyList<TResult>> RunAsync<TItem, TResult>(
        IReadOnlyList<TItem> items,
        int maxAccounts,
        Func<TItem, CancellationToken, Task<TResult>> job,
        Action<TItem, TResult>? onFinished,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAccounts, 1);
        var results = new TResult[items.Count];
        var failures = new ExceptionDispatchInfo?[items.Count];
        var finished = new bool[items.Count];
        var progressLock = new Lock();
        var next = -1;

        async Task Worker()
        {
            int index;
            while (!cancellationToken.IsCancellationRequested && (index = Interlocked.Increment(ref next)) < items.Count)
            {
                try
                {
                    var result = await job(items[index], cancellationToken).ConfigureAwait(false);
                    results[index] = result;
                    if (onFinished is not null)
                    {
                        lock (progressLock)
                        {
                            onFinished(items[index], result);
                        }
                    }
                }
                catch (Exception e)
                {
                    failures[index] = ExceptionDispatchInfo.Capture(e);
                }

                finished[index] = true;
            }
        }

        // Task.Run: a job that does synchronous work before its first await must not hold up the other workers.
        var workers = Enumerable.Range(0, Math.Min(maxAccounts, items.Count)).Select(_ => Task.Run(Worker, CancellationToken.None));
        await Task.WhenAll(workers).ConfigureAwait(false);

        failures.FirstOrDefault(failure => failure is not null)?.Throw();
        if (finished.Contains(false))
        {
            throw new OperationCanceledException("cancelled before every account was read", cancellationToken);
        }

        return results;
    }
}
