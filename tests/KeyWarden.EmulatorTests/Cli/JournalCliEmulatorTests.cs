using System.Diagnostics;
using System.Text.Json;
using KeyWarden.EmulatorTests.Infrastructure;

namespace KeyWarden.EmulatorTests.Cli;

/// <summary>
/// The journal through the real CLI against moto with auth on: its hash chain and plan digest as apply writes them,
/// undo refusing a tampered journal without a single change, and undo listing what it will reactivate and putting
/// back only part of a journal (--principal, --step).
/// </summary>
public sealed class JournalCliEmulatorTests() : PlanScratchDirectory("keywarden-journal-")
{
    private static Task<RemediationWorld> WorldAsync() => RemediationWorld.CreateAsync("j");

    /// <summary>Users with two active keys of which the second was really used: the first is the forgotten key.</summary>
    private static async Task<IReadOnlyList<SeededUser>> ForgottenKeyUsersAsync(RemediationWorld world, int count)
    {
        var users = new List<SeededUser>();
        for (var i = 0; i < count; i++)
        {
            var user = await world.Seeder.CreateUserAsync(world.Tag, keys: [KeyState.Active, KeyState.Active]);
            await world.Seeder.UseKeyAsync(user.Keys[1]);
            users.Add(user);
        }

        return users;
    }

    private static Task<KeywardenProcess.Result> Run(RemediationWorld world, params string[] args) => KeywardenProcess.RunAsync(world.Moto, world.Remediator, args);

    private async Task AppliedAsync(RemediationWorld world)
    {
        var plan = await Run(world, "plan", "--out", PlanPath, "--principal", $"{world.Tag}-*");
        Assert.True(plan.ExitCode == 0, plan.Stderr);
        var apply = await Run(world, "apply", PlanPath, "--yes");
        Assert.True(apply.ExitCode == 0, apply.Stdout + apply.Stderr);
    }

    private static async Task<string> StatusAsync(RemediationWorld world, SeededKey key) =>
        (await AwsCli.ListAccessKeysAsync(world.Moto, world.Moto.Admin, key.UserName))[key.AccessKeyId];

    [SkippableFact]
    public async Task Apply_writes_a_chained_journal_with_the_plan_digest()
    {
        var world = await WorldAsync();
        await ForgottenKeyUsersAsync(world, 1);
        await AppliedAsync(world);

        var lines = File.ReadAllText(JournalPath).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using (var started = JsonDocument.Parse(lines[0]))
        {
            Assert.Equal("started", started.RootElement.GetProperty("type").GetString());
            var digest = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(PlanPath))).ToLowerInvariant();
            Assert.Equal(digest, started.RootElement.GetProperty("planDigest").GetString());
            Assert.False(started.RootElement.TryGetProperty("prev", out _));
        }

        for (var i = 1; i < lines.Length; i++)
        {
            using var record = JsonDocument.Parse(lines[i]);
            var expected = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(lines[i - 1]))).ToLowerInvariant();
            Assert.Equal(expected, record.RootElement.GetProperty("prev").GetString());
        }

        Assert.Equal(0, (await Run(world, "verify", JournalPath)).ExitCode);
    }

    [SkippableFact]
    public async Task Undo_of_a_journal_with_an_edited_line_exits_2_naming_the_line_and_changes_nothing()
    {
        var world = await WorldAsync();
        var users = await ForgottenKeyUsersAsync(world, 2);
        await AppliedAsync(world);

        // Someone "corrects" the first user's outcome to failed, so that undo would leave that key Inactive.
        var lines = File.ReadAllLines(JournalPath);
        var outcome = Array.FindIndex(lines, l => l.Contains("\"type\":\"outcome\"", StringComparison.Ordinal));
        lines[outcome] = lines[outcome].Replace("\"result\":\"changed\"", "\"result\":\"failed\"", StringComparison.Ordinal);
        File.WriteAllText(JournalPath, string.Join("\n", lines) + "\n");
        var tampered = File.ReadAllBytes(JournalPath);

        var undo = await Run(world, "undo", JournalPath, "--yes");

        Assert.Equal(2, undo.ExitCode);
        var error = Assert.Single(undo.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("keywarden: error:", StringComparison.Ordinal));
        Assert.Contains($"line {outcome + 2}", error); // the line whose prev no longer matches
        Assert.Contains("hash chain", error);
        Assert.Equal(tampered, File.ReadAllBytes(JournalPath));
        foreach (var user in users)
        {
            Assert.Equal("Inactive", await StatusAsync(world, user.Keys[0]));
            Assert.Equal("Active", await StatusAsync(world, user.Keys[1]));
        }

        Assert.Equal(2, (await Run(world, "verify", JournalPath)).ExitCode);

        // apply refuses it too: it would append to a journal it cannot trust.
        var apply = await Run(world, "apply", PlanPath, "--yes");
        Assert.Equal(2, apply.ExitCode);
        Assert.Contains("hash chain", apply.Stderr);
        Assert.Equal(tampered, File.ReadAllBytes(JournalPath));
    }

    [SkippableFact]
    public async Task Undo_lists_every_key_before_asking_and_puts_back_only_the_selected_ones()
    {
        var world = await WorldAsync();
        var users = await ForgottenKeyUsersAsync(world, 3);
        await AppliedAsync(world);

        // No terminal and no --yes: the list is shown, then undo refuses to go on; nothing changes.
        var refused = await Run(world, "undo", JournalPath);
        Assert.Equal(2, refused.ExitCode);
        foreach (var user in users)
        {
            Assert.Contains(user.UserName, refused.Stdout);
            Assert.Contains(user.Keys[0].AccessKeyId, refused.Stdout);
            Assert.Equal("Inactive", await StatusAsync(world, user.Keys[0]));
        }

        Assert.True(refused.Stdout.Contains("Deactivated", StringComparison.Ordinal), refused.Stdout);
        Assert.Matches(@"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ", refused.Stdout);
        Assert.Contains("3 key(s) to reactivate", refused.Stdout);

        var one = await Run(world, "undo", JournalPath, "--yes", "--principal", users[0].UserName);
        Assert.True(one.ExitCode == 0, one.Stdout + one.Stderr);
        Assert.Equal("Active", await StatusAsync(world, users[0].Keys[0]));
        Assert.Equal("Inactive", await StatusAsync(world, users[1].Keys[0]));
        Assert.Equal("Inactive", await StatusAsync(world, users[2].Keys[0]));

        var none = await Run(world, "undo", JournalPath, "--yes", "--principal", $"{world.Tag}-nobody*");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains($"--principal {world.Tag}-nobody*", none.Stderr);

        var rest = await Run(world, "undo", JournalPath, "--yes");
        Assert.True(rest.ExitCode == 0, rest.Stdout + rest.Stderr);
        foreach (var user in users)
        {
            Assert.Equal("Active", await StatusAsync(world, user.Keys[0]));
        }

        Assert.Equal(1, (await Run(world, "verify", PlanPath)).ExitCode); // two active keys each again: verify says so
    }

    [SkippableFact]
    public async Task A_second_undo_or_apply_on_a_journal_in_use_exits_3_with_the_designed_message()
    {
        var world = await WorldAsync();
        var users = await ForgottenKeyUsersAsync(world, 2);
        await AppliedAsync(world);

        // The first undo stops inside its first step, holding the journal.
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "keywarden.dll"));
        foreach (var arg in new[] { "undo", JournalPath, "--yes" })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in world.Moto.ProcessEnvironment(world.Remediator))
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

        info.Environment["KEYWARDEN_TEST_PAUSE_AT"] = "after-reactivate:1";
        using var first = Process.Start(info)!;
        first.StandardInput.Close();
        _ = first.StandardOutput.ReadToEndAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (await first.StandardError.ReadLineAsync(timeout.Token) is { } line && !line.Contains("test pause at after-reactivate:1", StringComparison.Ordinal))
            {
            }

            foreach (var second in new[] { await Run(world, "undo", JournalPath, "--yes"), await Run(world, "apply", PlanPath, "--yes"), await Run(world, "verify", JournalPath) })
            {
                Assert.Equal(3, second.ExitCode);
                var error = Assert.Single(second.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("keywarden: error:", StringComparison.Ordinal));
                Assert.Contains("another apply or undo holds this journal", error);
                Assert.DoesNotContain("IOException", second.Stderr);
                Assert.DoesNotContain("used by another process", second.Stderr);
            }
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        // The killed undo had reactivated the first key; the rerun recovers it and does the rest.
        var rerun = await Run(world, "undo", JournalPath, "--yes");
        Assert.True(rerun.ExitCode == 0, rerun.Stdout + rerun.Stderr);
        foreach (var user in users)
        {
            Assert.Equal("Active", await StatusAsync(world, user.Keys[0]));
        }
    }
}
