using System.Diagnostics;
using System.Text.Json;
using KeyWarden.EmulatorTests.Infrastructure;
using Xunit.Abstractions;

namespace KeyWarden.EmulatorTests.Cli;

/// <summary>
/// 20 SIGKILLs at seeded random moments (between steps, after the intent is journaled, after UpdateAccessKey
/// before its outcome is journaled) of a 100-step apply; after each, re-apply, verify and undo must all exit 0,
/// and every key ends where it should: the keys around the kill moment as it implies, every planned key
/// deactivated after the re-apply (verify), every key Active again after the undo (read from moto). The same
/// 100 users serve every trial (undo puts them back), each trial with its own journal.
/// </summary>
public sealed class KillTrialsEmulatorTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 2026;
    private const int Trials = 20;
    private const int Steps = 100;
    private static readonly string[] Points = ["before-step", "after-intent", "after-update"];
    private readonly string _dir = Directory.CreateTempSubdirectory("keywarden-kill-trials-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static int StepOf(IReadOnlyDictionary<int, string> steps, SeededUser user) => steps.Single(s => s.Value == user.Keys[0].AccessKeyId).Key;

    [SkippableFact]
    public async Task Twenty_seeded_kills_of_a_100_step_apply_are_each_recovered_verified_and_undone()
    {
        var moto = MotoEnvironment.Plain();
        await using var account = FaultAccount.Create(moto);
        var users = await account.SeedForgottenKeysAsync("kt", Steps);
        var proxy = account.Clean;
        var environment = proxy.AsServer().ProcessEnvironment();
        Task<KeywardenProcess.Result> Run(params string[] args) => KeywardenProcess.RunAsync(environment, [.. args, "--endpoint-url", proxy.Url]);

        var plan = Path.Combine(_dir, "plan.json");
        var planned = await Run("plan", "--out", plan);
        Assert.True(planned.ExitCode == 0, planned.Stderr);
        var steps = JsonDocument.Parse(File.ReadAllText(plan)).RootElement.GetProperty("steps").EnumerateArray()
            .ToDictionary(s => int.Parse(s.GetProperty("stepId").GetString()!, System.Globalization.CultureInfo.InvariantCulture), s => s.GetProperty("deactivateKey").GetString()!);
        Assert.Equal(Steps, steps.Count);
        var toDeactivate = users.Select(u => u.Keys[0].AccessKeyId).ToHashSet();
        Assert.True(toDeactivate.SetEquals(steps.Values));

        var random = new Random(Seed);
        var recovered = 0;
        var figures = new List<string>();
        var clock = Stopwatch.StartNew();
        for (var trial = 1; trial <= Trials; trial++)
        {
            var point = Points[random.Next(Points.Length)];
            var step = random.Next(1, Steps + 1);
            var journal = Path.Combine(_dir, $"trial-{trial:D2}.journal.jsonl");
            var label = $"trial {trial} (seed {Seed}): SIGKILL at {point}:{step}";

            await KeywardenProcess.RunAndKillAtAsync(environment, $"{point}:{step}", "apply", plan, "--yes", "--journal", journal, "--endpoint-url", proxy.Url);
            // Steps before the kill are done; the step killed after its UpdateAccessKey is done too; nothing later
            // (checked around the kill moment; the re-apply's verify and the final read cover every key).
            var around = users.Where(u => Math.Abs(StepOf(steps, u) - step) <= 1).ToList();
            var atKill = await account.KeyStatusesAsync(around);
            foreach (var user in around)
            {
                var n = StepOf(steps, user);
                var done = n < step || (n == step && point == "after-update");
                Assert.True(atKill[user.Keys[0].AccessKeyId] == (done ? "Inactive" : "Active"), $"{label}: step {n}'s key is {atKill[user.Keys[0].AccessKeyId]}");
            }

            var reapply = await Run("apply", plan, "--yes", "--journal", journal);
            Assert.True(reapply.ExitCode == 0, $"{label}: re-apply exit {reapply.ExitCode}\n{reapply.Stdout}\n{reapply.Stderr}");
            // verify compares every planned key's live status with the plan: the CIS confirmation after the re-apply.
            var verify = await Run("verify", journal);
            Assert.True(verify.ExitCode == 0, $"{label}: verify exit {verify.ExitCode}\n{verify.Stdout}\n{verify.Stderr}");

            var undo = await Run("undo", journal, "--yes");
            Assert.True(undo.ExitCode == 0, $"{label}: undo exit {undo.ExitCode}\n{undo.Stdout}\n{undo.Stderr}");
            var afterUndo = await account.KeyStatusesAsync(users);
            Assert.All(users.SelectMany(u => u.Keys), k => Assert.True(afterUndo[k.AccessKeyId] == "Active", $"{label}: {k.AccessKeyId} of {k.UserName} is {afterUndo[k.AccessKeyId]} after undo"));

            recovered++;
            figures.Add($"{label}: re-applied, verified, undone; {clock.Elapsed.TotalSeconds:F0} s so far");
        }

        figures.Add($"kill trials run {Trials}, recovered {recovered} (re-apply, verify and undo exit 0; every key's final status checked), {clock.Elapsed.TotalSeconds:F0} s");
        FaultFigures.Record(output, nameof(Twenty_seeded_kills_of_a_100_step_apply_are_each_recovered_verified_and_undone), figures);
    }
}
