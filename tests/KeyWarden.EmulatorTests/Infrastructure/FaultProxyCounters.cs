using System.Collections.Concurrent;

namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>What <see cref="FaultProxy"/> saw and did, per action (thread-safe; read with the snapshot methods).</summary>
public sealed class FaultProxyCounters
{
    private readonly ConcurrentDictionary<string, int> _seen = new();
    private readonly ConcurrentDictionary<string, int> _forwarded = new();
    private readonly ConcurrentDictionary<string, int> _retried = new();
    private readonly ConcurrentDictionary<(string Action, FaultKind Kind), int> _faulted = new();
    private readonly ConcurrentDictionary<(string KeyId, string Status), int> _updateAccessKeyForwarded = new();
    private readonly ConcurrentDictionary<string, int> _assumeRoleForwarded = new();

    public void Seen(string action, bool isRetry)
    {
        _seen.AddOrUpdate(action, 1, (_, n) => n + 1);
        if (isRetry)
        {
            _retried.AddOrUpdate(action, 1, (_, n) => n + 1);
        }
    }

    public void Forwarded(string action, IReadOnlyDictionary<string, string> parameters)
    {
        _forwarded.AddOrUpdate(action, 1, (_, n) => n + 1);
        if (action == "UpdateAccessKey" && parameters.TryGetValue("AccessKeyId", out var keyId))
        {
            _updateAccessKeyForwarded.AddOrUpdate((keyId, parameters.GetValueOrDefault("Status", "")), 1, (_, n) => n + 1);
        }

        if (action == "AssumeRole" && parameters.TryGetValue("RoleArn", out var roleArn))
        {
            _assumeRoleForwarded.AddOrUpdate(roleArn, 1, (_, n) => n + 1);
        }
    }

    /// <summary>AssumeRole requests forwarded to moto for roles of <paramref name="accountId"/>.</summary>
    public int AssumeRoleForwarded(string accountId) =>
        _assumeRoleForwarded.Where(p => p.Key.Contains($":iam::{accountId}:role/", StringComparison.Ordinal)).Sum(p => p.Value);

    public void Faulted(string action, FaultKind kind) => _faulted.AddOrUpdate((action, kind), 1, (_, n) => n + 1);

    public int SeenCount(string? action = null) => Sum(_seen, action);

    public int ForwardedCount(string? action = null) => Sum(_forwarded, action);

    /// <summary>Requests the SDK marked as a retry (<c>amz-sdk-request: attempt=N</c>, N &gt; 1).</summary>
    public int RetriedCount(string? action = null) => Sum(_retried, action);

    public int FaultedCount(FaultKind? kind = null, string? action = null) =>
        _faulted.Where(e => (kind is null || e.Key.Kind == kind) && (action is null || e.Key.Action == action)).Sum(e => e.Value);

    /// <summary>How many UpdateAccessKey requests for this key with this Status reached moto.</summary>
    public int UpdateAccessKeyForwarded(string keyId, string status) => _updateAccessKeyForwarded.GetValueOrDefault((keyId, status));

    public IReadOnlyDictionary<(string KeyId, string Status), int> UpdateAccessKeyForwardedByKey() => new Dictionary<(string, string), int>(_updateAccessKeyForwarded);

    public IReadOnlyDictionary<FaultKind, int> FaultedByKind() =>
        _faulted.GroupBy(e => e.Key.Kind).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));

    public IReadOnlyDictionary<string, int> SeenByAction() => new Dictionary<string, int>(_seen);

    public void Reset()
    {
        _seen.Clear();
        _forwarded.Clear();
        _retried.Clear();
        _faulted.Clear();
        _updateAccessKeyForwarded.Clear();
        _assumeRoleForwarded.Clear();
    }

    /// <summary>One line for test output: requests, forwards, retries and faults by kind.</summary>
    public string Summary() =>
        $"seen {SeenCount()}, forwarded {ForwardedCount()}, retried {RetriedCount()}, faulted {FaultedCount()} (" +
        string.Join(", ", Enum.GetValues<FaultKind>().Select(k => $"{k} {FaultedCount(k)}")) + ")";

    private static int Sum(ConcurrentDictionary<string, int> counts, string? action) =>
        action is null ? counts.Values.Sum() : counts.GetValueOrDefault(action);
}
