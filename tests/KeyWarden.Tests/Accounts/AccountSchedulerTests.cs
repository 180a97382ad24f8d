using KeyWarden.Accounts;

namespace KeyWarden.Tests.Accounts;

public class AccountSchedulerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(20, 3)]
    [InlineData(5, 1)]
    [InlineData(3, 8)]
    public async Task Never_more_than_the_bound_run_at_once_and_the_bound_is_reached(int count, int maxAccounts)
    {
        var running = 0;
        var peak = 0;
        var expectedPeak = Math.Min(count, maxAccounts);
        var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var results = await AccountScheduler.RunAsync(
            Enumerable.Range(0, count).ToList(),
            maxAccounts,
            async (item, ct) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref peak, now);
                if (now == expectedPeak)
                {
                    full.TrySetResult();
                }

                // The first jobs wait until the bound is reached (or the deadline), so the peak is the bound, not luck.
                await Task.WhenAny(full.Task, Task.Delay(Deadline, ct));
                await Task.Delay(1, ct);
                Interlocked.Decrement(ref running);
                return item * 10;
            },
            onFinished: null,
            CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, count).Select(i => i * 10), results);
        Assert.Equal(expectedPeak, peak);
    }

    [Fact]
    public async Task Results_are_in_input_order_whatever_order_jobs_finish_in()
    {
        var finishedOrder = new List<string>();
        var items = new[] { "a", "b", "c", "d", "e", "f" };

        // Each job waits for its gate; the last item's gate opens first and each finished item opens the one before it,
        // so the jobs finish in exactly the reverse of input order.
        var gates = items.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        gates[^1].SetResult();

        var results = await AccountScheduler.RunAsync(
            items,
            maxAccounts: 6,
            async (item, ct) =>
            {
                await gates[Array.IndexOf(items, item)].Task.WaitAsync(Deadline, ct);
                return item.ToUpperInvariant();
            },
            (item, _) =>
            {
                finishedOrder.Add(item);
                var index = Array.IndexOf(items, item);
                if (index > 0)
                {
                    gates[index - 1].SetResult();
                }
            },
            CancellationToken.None);

        Assert.Equal(["A", "B", "C", "D", "E", "F"], results);
        Assert.Equal(items.Reverse(), finishedOrder);
    }

    [Fact]
    public async Task A_failing_job_does_not_stop_the_others_and_its_own_exception_is_rethrown_after_all_finished()
    {
        var ran = new bool[12];
        var failure = new InvalidOperationException("account 3 broke");
        var finished = 0;

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => AccountScheduler.RunAsync(
            Enumerable.Range(0, 12).ToList(),
            maxAccounts: 2,
            async (item, ct) =>
            {
                await Task.Yield();
                if (item == 3)
                {
                    throw failure;
                }

                await Task.Delay(5, ct);
                ran[item] = true;
                return item;
            },
            (_, _) => finished++,
            CancellationToken.None));

        Assert.Same(failure, thrown);
        Assert.Equal(11, finished);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i != 3), ran);
    }

    [Fact]
    public async Task Of_several_failures_the_earliest_item_in_input_order_is_rethrown_even_when_it_failed_last()
    {
        var thrown = await Assert.ThrowsAsync<ArgumentException>(() => AccountScheduler.RunAsync<int, int>(
            [0, 1, 2],
            maxAccounts: 3,
            async (item, ct) =>
            {
                await Task.Delay(item == 0 ? 200 : 10, ct);
                throw new ArgumentException($"item {item}");
            },
            onFinished: null,
            CancellationToken.None));

        Assert.Equal("item 0", thrown.Message);
    }

    [Fact]
    public async Task A_job_that_throws_before_returning_a_task_is_a_failure_like_any_other()
    {
        var calls = 0;
        var thrown = await Assert.ThrowsAsync<NotSupportedException>(() => AccountScheduler.RunAsync<int, int>(
            [0, 1, 2],
            maxAccounts: 1,
            (item, _) =>
            {
                Interlocked.Increment(ref calls);
                return item == 0 ? throw new NotSupportedException("sync") : Task.FromResult(item);
            },
            onFinished: null,
            CancellationToken.None));

        Assert.Equal("sync", thrown.Message);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task OnFinished_is_called_once_per_item_and_never_twice_at_once()
    {
        var inside = 0;
        var overlaps = 0;
        var seen = new List<int>();

        await AccountScheduler.RunAsync(
            Enumerable.Range(0, 100).ToList(),
            maxAccounts: 16,
            async (item, ct) =>
            {
                await Task.Yield();
                return item;
            },
            (item, result) =>
            {
                if (Interlocked.Increment(ref inside) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                Thread.Sleep(1); // gives up the core, so an unserialized second call would get in here
                seen.Add(result); // a List<T> written from two threads at once would lose items
                Interlocked.Decrement(ref inside);
            },
            CancellationToken.None);

        Assert.Equal(0, overlaps);
        Assert.Equal(Enumerable.Range(0, 100), seen.Order());
    }

    [Fact]
    public async Task Cancellation_stops_starting_new_jobs_lets_started_ones_finish_and_throws()
    {
        using var cts = new CancellationTokenSource();
        var started = new List<int>();
        var sawCancellation = new List<int>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await Assert.ThrowsAsync<OperationCanceledException>(() => AccountScheduler.RunAsync(
            Enumerable.Range(0, 10).ToList(),
            maxAccounts: 2,
            async (item, ct) =>
            {
                lock (started)
                {
                    started.Add(item);
                    if (started.Count == 2)
                    {
                        cts.Cancel();
                        release.TrySetResult();
                    }
                }

                await release.Task.WaitAsync(Deadline, CancellationToken.None);
                lock (sawCancellation)
                {
                    if (ct.IsCancellationRequested)
                    {
                        sawCancellation.Add(item);
                    }
                }

                return item;
            },
            onFinished: null,
            cts.Token));

        Assert.Equal([0, 1], started.Order());
        Assert.Equal([0, 1], sawCancellation.Order());
    }

    [Fact]
    public async Task Cancelled_before_the_start_runs_nothing()
    {
        var calls = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AccountScheduler.RunAsync(
            [1, 2, 3],
            maxAccounts: 2,
            (item, _) =>
            {
                calls++;
                return Task.FromResult(item);
            },
            onFinished: null,
            new CancellationToken(canceled: true)));

        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task No_items_is_an_empty_result_without_a_job()
    {
        var results = await AccountScheduler.RunAsync<int, int>([], 4, (_, _) => throw new InvalidOperationException(), null, CancellationToken.None);
        Assert.Empty(results);
    }

    [Fact]
    public async Task A_bound_below_one_is_a_programming_error() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            AccountScheduler.RunAsync([1], 0, (item, _) => Task.FromResult(item), null, CancellationToken.None));

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
