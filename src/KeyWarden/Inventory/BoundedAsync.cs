namespace KeyWarden.Inventory;

/// <summary>Maps items through an async call with at most N in flight, keeping the input order in the result.</summary>
internal static class BoundedAsync
{
    public static async Task<TResult[]> MapAsync<TItem, TResult>(
        IReadOnlyList<TItem> items, int maxConcurrency, Func<TItem, CancellationToken, Task<TResult>> map, CancellationToken cancellationToken)
    {
        var results = new TResult[items.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await map(items[i], ct));
        return results;
    }
}
