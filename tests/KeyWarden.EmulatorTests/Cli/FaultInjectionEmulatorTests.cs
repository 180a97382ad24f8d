using System.Diagnostics;
using System.Text.Json;
using KeyWarden.EmulatorTests.Infrastructure;
using Xunit.Abstractions;

namespace KeyWarden.EmulatorTests.Cli;

/// <summary>
/// `keywarden audit` through the fault proxy on an account of 300 users: at 30 % faults (every kind mixed, or
/// throttling only, or 5xx only) every principal's status, kept key and keys to deactivate equal those of the
/// fault-free run, for --source auto and live, for the single rule and for every rule (the default); at 100 % the run
/// exits 3 within a bounded time and never passes.
/// </summary>
public sealed class FaultInjectionEmulatorTests(ITestOutputHelper output)
{
    private const int UserCount = 300;
    private const string Prefix = "fa";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static FaultAccount? _account;
    private static readonly Dictionary<string, IReadOnlyDictionary<string, string>> Baselines = new();

    private static readonly Dictionary<string, IReadOnlyList<FaultKind>> Mixes = new()
    {
        ["all kinds"] = FaultPlan.AllKinds,
        ["throttling only"] = [FaultKind.Throttling],
        ["5xx only"] = [FaultKind.InternalError, FaultKind.ServiceUnavailable],
    };

    private static async Task<FaultAccount> AccountAsync()
    {
        var moto = MotoEnvironment.Plain();
        await Gate.WaitAsync();
        try
        {
            if (_account is null)
            {
                var account = FaultAccount.Create(moto);
                await account.SeedMixAsync(Prefix, UserCount);
                _account = account;
            }

            return _account;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<(KeywardenProcess.Result Result, TimeSpan Elapsed)> AuditAsync(FaultProxy proxy, string source, bool everyRule = false)
    {
        var server = proxy.AsServer();
        var clock = Stopwatch.StartNew();
        string[] rules = everyRule ? [] : ["--rules", "iam-single-active-access-key"];
        var result = await KeywardenProcess.RunAsync(
            server.ProcessEnvironment(),
            ["audit", .. rules, "--source", source, "--format", "json", "--all", "--endpoint-url", proxy.Url]);
        return (result, clock.Elapsed);
    }

    /// <summary>(rule, principal, key) → "status | keep | deactivate…": every finding of every rule.</summary>
    private static IReadOnlyDictionary<string, string> EveryRuleVerdicts(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("findings").EnumerateArray().ToDictionary(
            f => $"{f.GetProperty("ruleId").GetString()} {f.GetProperty("principal").GetString()} {(f.TryGetProperty("key", out var k) ? k.ToString() : "")}",
            f =>
            {
                var decision = f.GetProperty("decision");
                var keep = decision.ValueKind == JsonValueKind.Object ? decision.GetProperty("keep").GetString() : null;
                return $"{f.GetProperty("status").GetString()} | keep {keep ?? "-"}";
            });
    }

    /// <summary>principal → "status | keep | deactivate…": what the comparison is about.</summary>
    private static IReadOnlyDictionary<string, string> Verdicts(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("findings").EnumerateArray().ToDictionary(
            f => f.GetProperty("principal").GetString()!,
            f =>
            {
                var decision = f.GetProperty("decision");
                var keep = decision.ValueKind == JsonValueKind.Object ? decision.GetProperty("keep").GetString() : null;
                var deactivate = decision.ValueKind == JsonValueKind.Object
                    ? string.Join(" ", decision.GetProperty("deactivate").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal))
                    : "";
                return $"{f.GetProperty("status").GetString()} | keep {keep ?? "-"} | deactivate {deactivate}";
            });
    }

    /// <summary>The fault-free run's verdicts, read once per source (and rule selection) and kept for every seed.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> BaselineAsync(FaultAccount account, string source, bool everyRule = false)
    {
        await Gate.WaitAsync();
        try
        {
            var cacheKey = (everyRule ? "every rule " : "") + source;
            if (Baselines.TryGetValue(cacheKey, out var known))
            {
                return known;
            }

            await using var proxy = account.Proxy(FaultPlan.None, seed: 0);
            var (result, _) = await AuditAsync(proxy, source, everyRule);
            Assert.True(result.ExitCode == 1, $"fault-free {source} audit: exit {result.ExitCode}\n{result.Stderr}");
            var verdicts = VerdictsOf(result.Stdout, everyRule);
            if (everyRule)
            {
                Assert.Equal(4, verdicts.Keys.Select(k => k.Split(' ')[0]).Distinct().Count());
                Assert.DoesNotContain(verdicts.Values, v => v.StartsWith("ERROR", StringComparison.Ordinal));
            }
            else
            {
                Assert.Equal(UserCount, verdicts.Count);
                Assert.Equal(UserCount / 6 * 3, verdicts.Values.Count(v => v.StartsWith("FAIL", StringComparison.Ordinal)));
            }

            Baselines[cacheKey] = verdicts;
            return verdicts;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static IReadOnlyDictionary<string, string> VerdictsOf(string json, bool everyRule) => everyRule ? EveryRuleVerdicts(json) : Verdicts(json);

    /// <summary>Every way a faulted run differs from the fault-free one: its exit code, or any verdict changed, missing or new.</summary>
    private static List<string> Differences(IReadOnlyDictionary<string, string> expected, KeywardenProcess.Result result, bool everyRule)
    {
        if (result.ExitCode != 1)
        {
            return [$"exit {result.ExitCode} (fault-free: 1): {result.Stderr.Trim()}"];
        }

        var actual = VerdictsOf(result.Stdout, everyRule);
        return
        [
            .. expected.Where(e => actual.GetValueOrDefault(e.Key) != e.Value)
                .Select(e => $"{e.Key}: expected {e.Value}, got {actual.GetValueOrDefault(e.Key) ?? "(missing)"}"),
            .. actual.Keys.Except(expected.Keys).Select(k => $"{k}: not in the fault-free run"),
        ];
    }

    [SkippableTheory]
    [InlineData("auto", "all kinds", 301)]
    [InlineData("live", "all kinds", 302)]
    [InlineData("auto", "throttling only", 303)]
    [InlineData("live", "throttling only", 304)]
    [InlineData("auto", "5xx only", 305)]
    [InlineData("live", "5xx only", 306)]
    public async Task At_30_percent_faults_every_principal_gets_the_verdict_of_the_fault_free_run(string source, string mix, int seed)
    {
        var account = await AccountAsync();
        var expected = await BaselineAsync(account, source);
        await using var proxy = account.Proxy(FaultPlan.Everywhere(0.30, Mixes[mix]), seed);

        var (result, elapsed) = await AuditAsync(proxy, source);

        var figures = new List<string>
        {
            FaultFigures.Describe($"audit --source {source}, {UserCount} users, {mix}, seed {seed}", 0.30, proxy.Counters),
        };
        var differences = Differences(expected, result, everyRule: false);

        figures.Add($"runs compared 1 (against the fault-free {source} run), {elapsed.TotalSeconds:F0} s, differences found {differences.Count}");
        FaultFigures.Record(output, nameof(At_30_percent_faults_every_principal_gets_the_verdict_of_the_fault_free_run), figures);

        Assert.True(proxy.Counters.FaultedCount() > UserCount / 10, proxy.Counters.Summary()); // the faults really happened
        Assert.True(differences.Count == 0, $"seed {seed}: {differences.Count} differences\n" + string.Join("\n", differences.Take(20)));
    }

    /// <summary>
    /// The default audit (every rule): the root rule's GetAccountSummary and the unused rule's GetAccessKeyLastUsed of
    /// every active key (live) ride out the same faults, so every finding of every rule equals the fault-free run's.
    /// </summary>
    [SkippableTheory]
    [InlineData("auto", 311)]
    [InlineData("live", 312)]
    public async Task At_30_percent_faults_every_rules_findings_equal_the_fault_free_run(string source, int seed)
    {
        var account = await AccountAsync();
        var expected = await BaselineAsync(account, source, everyRule: true);
        await using var proxy = account.Proxy(FaultPlan.Everywhere(0.30, FaultPlan.AllKinds), seed);
        var (result, elapsed) = await AuditAsync(proxy, source, everyRule: true);

        var differences = Differences(expected, result, everyRule: true);

        FaultFigures.Record(output, nameof(At_30_percent_faults_every_rules_findings_equal_the_fault_free_run),
        [
            FaultFigures.Describe($"audit (every rule) --source {source}, {UserCount} users, all kinds, seed {seed}", 0.30, proxy.Counters),
            $"{expected.Count} findings compared against the fault-free {source} run, {elapsed.TotalSeconds:F0} s, differences found {differences.Count}",
        ]);
        Assert.True(proxy.Counters.FaultedCount() > UserCount / 10, proxy.Counters.Summary());
        Assert.True(differences.Count == 0, $"seed {seed}: {differences.Count} differences\n" + string.Join("\n", differences.Take(20)));
    }

    [SkippableTheory]
    [InlineData("auto", 401)]
    [InlineData("live", 402)]
    public async Task At_100_percent_faults_the_audit_exits_3_in_bounded_time_and_never_passes(string source, int seed)
    {
        var account = await AccountAsync();
        await using var proxy = account.Proxy(FaultPlan.Everywhere(1.0, FaultPlan.FailingKinds), seed);

        var (result, elapsed) = await AuditAsync(proxy, source);

        FaultFigures.Record(output, nameof(At_100_percent_faults_the_audit_exits_3_in_bounded_time_and_never_passes),
        [
            FaultFigures.Describe($"audit --source {source}, every request faulted, seed {seed}", 1.0, proxy.Counters),
            $"exit {result.ExitCode} after {elapsed.TotalSeconds:F0} s: {result.Stderr.Trim().Split('\n').LastOrDefault()}",
        ]);
        Assert.True(result.ExitCode == 3, $"exit {result.ExitCode}\n{result.Stderr}");
        // STS and IAM get 10 attempts with the SDK's jittered backoff (each wait capped at 20 s): about a
        // minute and a half on a loaded 2-core machine; a run that polls or retries without end would not stop here.
        Assert.True(elapsed < TimeSpan.FromSeconds(150), $"took {elapsed}");
        Assert.DoesNotContain("\"PASS\"", result.Stdout, StringComparison.Ordinal);
    }
}
