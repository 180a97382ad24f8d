using System.Text.Json;
using KeyWarden.EmulatorTests.Infrastructure;
using Xunit.Abstractions;

namespace KeyWarden.EmulatorTests.Cli;

/// <summary>
/// `keywarden apply` and `undo` through the fault proxy at 30 % faults, with responses to UpdateAccessKey
/// dropped after moto acted: re-applied until it exits 0, the plan verifies, no key is deactivated twice, every
/// deactivation is in the journal, and undo (through the same faults, re-run until exit 0) restores every key.
/// </summary>
public sealed class ApplyUnderFaultsEmulatorTests(ITestOutputHelper output) : IDisposable
{
    private const int UserCount = 40;
    private const int MaxRuns = 8;
    private readonly string _dir = Directory.CreateTempSubdirectory("keywarden-apply-faults-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PlanPath => Path.Combine(_dir, "plan.json");

    private string JournalPath => Path.Combine(_dir, "plan.journal.jsonl");

    /// <summary>30 % of every action; UpdateAccessKey faults are mostly "moto acted, the answer is lost".</summary>
    private static FaultPlan Faults() => new(
    [
        new FaultRule(new HashSet<string> { "UpdateAccessKey" }, 0.30,
            [FaultKind.DropResponse, FaultKind.DropResponse, FaultKind.DropResponse, FaultKind.Throttling, FaultKind.InternalError, FaultKind.ServiceUnavailable, FaultKind.ResetBeforeForward]),
        new FaultRule(null, 0.30, FaultPlan.AllKinds, TimeSpan.FromMilliseconds(100)),
    ]);

    private static Task<KeywardenProcess.Result> Run(FaultProxy proxy, params string[] args) =>
        KeywardenProcess.RunAsync(proxy.AsServer().ProcessEnvironment(), [.. args, "--endpoint-url", proxy.Url]);

    /// <summary>Runs the command until it exits 0, at most <see cref="MaxRuns"/> times; returns how many runs it took.</summary>
    private static async Task<int> UntilSuccessAsync(FaultProxy proxy, List<string> log, params string[] args)
    {
        for (var run = 1; run <= MaxRuns; run++)
        {
            var result = await Run(proxy, args);
            log.Add($"{args[0]} run {run}: exit {result.ExitCode}");
            if (result.ExitCode == 0)
            {
                return run;
            }

            Assert.True(result.ExitCode is 3 or 4, $"{args[0]} run {run}: exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        }

        Assert.Fail($"{args[0]} did not exit 0 within {MaxRuns} runs:\n" + string.Join("\n", log));
        return MaxRuns;
    }

    private IReadOnlyList<JsonElement> Journal() =>
        File.ReadAllLines(JournalPath).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [SkippableFact]
    public async Task Apply_and_undo_at_30_percent_faults_with_dropped_responses_change_each_key_once_and_restore_all()
    {
        const int seed = 811;
        var moto = MotoEnvironment.Plain();
        await using var account = FaultAccount.Create(moto);
        var users = await account.SeedForgottenKeysAsync("fp", UserCount);
        var plan = await Run(account.Clean, "plan", "--out", PlanPath);
        Assert.True(plan.ExitCode == 0, plan.Stderr);
        Assert.Equal(UserCount, JsonDocument.Parse(File.ReadAllText(PlanPath)).RootElement.GetProperty("steps").GetArrayLength());

        await using var proxy = account.Proxy(Faults(), seed);
        var log = new List<string>();
        var applyRuns = await UntilSuccessAsync(proxy, log, "apply", PlanPath, "--yes");
        var applyFigures = FaultFigures.Describe($"apply of {UserCount} steps, 30 % faults (UpdateAccessKey mostly dropped responses), seed {seed}, {applyRuns} runs to exit 0", 0.30, proxy.Counters);
        var deactivationsSent = proxy.Counters.UpdateAccessKeyForwardedByKey();
        applyFigures += $"; UpdateAccessKey: seen {proxy.Counters.SeenCount("UpdateAccessKey")}, SDK retries {proxy.Counters.RetriedCount("UpdateAccessKey")}, " +
            $"answers dropped after moto acted {proxy.Counters.FaultedCount(FaultKind.DropResponse, "UpdateAccessKey")}";

        var problems = new List<string>();
        var verify = await Run(account.Clean, "verify", PlanPath);
        if (verify.ExitCode != 0)
        {
            problems.Add($"verify exit {verify.ExitCode}: {verify.Stdout}{verify.Stderr}");
        }

        var afterApply = await account.KeyStatusesAsync(users);
        problems.AddRange(users.Where(u => afterApply[u.Keys[0].AccessKeyId] != "Inactive" || afterApply[u.Keys[1].AccessKeyId] != "Active")
            .Select(u => $"{u.UserName} after apply: {afterApply[u.Keys[0].AccessKeyId]} / {afterApply[u.Keys[1].AccessKeyId]} (expected Inactive / Active)"));

        // No key changed twice: at most one Status=Inactive reached moto per key (a blind resend after a lost
        // answer is a second one: had someone reactivated the key meanwhile, it would undo their change), and
        // the kept keys were never touched.
        problems.AddRange(deactivationsSent.Where(e => e.Key.Status == "Inactive" && e.Value > 1)
            .Select(e => $"{e.Key.KeyId}: UpdateAccessKey Status=Inactive reached moto {e.Value} times"));
        problems.AddRange(users.Where(u => deactivationsSent.GetValueOrDefault((u.Keys[1].AccessKeyId, "Inactive")) > 0)
            .Select(u => $"{u.UserName}: the kept key was deactivated"));

        // Every deactivation is in the journal, so undo can reverse it.
        var journal = Journal();
        foreach (var keyId in users.Select(u => u.Keys[0].AccessKeyId))
        {
            if (!journal.Any(r => r.GetProperty("type").GetString() == "intent" && r.GetProperty("keyId").GetString() == keyId)
                || !journal.Any(r => r.GetProperty("type").GetString() == "outcome" && r.GetProperty("keyId").GetString() == keyId
                    && r.GetProperty("result").GetString() is "changed" or "unknown"))
            {
                problems.Add($"{keyId}: its deactivation is not in the journal as an intent and a changed/unknown outcome");
            }
        }

        proxy.Counters.Reset();
        var undoRuns = await UntilSuccessAsync(proxy, log, "undo", JournalPath, "--yes");
        var undoFigures = FaultFigures.Describe($"undo of {UserCount} keys, same faults, {undoRuns} runs to exit 0", 0.30, proxy.Counters);
        var afterUndo = await account.KeyStatusesAsync(users);
        problems.AddRange(users.SelectMany(u => u.Keys).Where(k => afterUndo[k.AccessKeyId] != "Active").Select(k => $"{k.AccessKeyId} of {k.UserName} is {afterUndo[k.AccessKeyId]} after undo"));

        FaultFigures.Record(output, nameof(Apply_and_undo_at_30_percent_faults_with_dropped_responses_change_each_key_once_and_restore_all),
            [applyFigures, undoFigures, .. log, $"problems found {problems.Count}"]);
        Assert.True(problems.Count == 0, $"seed {seed}: {problems.Count} problems\n" + string.Join("\n", problems));
    }
}
