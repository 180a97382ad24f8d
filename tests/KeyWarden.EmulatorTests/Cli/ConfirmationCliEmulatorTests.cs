using System.Diagnostics;
using System.Text.Json;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.EmulatorTests.Infrastructure;

namespace KeyWarden.EmulatorTests.Cli;

/// <summary>
/// apply and undo confirm on the terminal when stdout (and stderr) go to a pipe, as in <c>apply … | tee log</c>: the
/// real process runs on a pseudo-terminal (python3's pty module) that is its controlling terminal; the test answers
/// the prompt there. Plus verify's truth against moto: one active key that is not the keeper passes; --all; JUnit.
/// </summary>
public sealed class ConfirmationCliEmulatorTests() : PlanScratchDirectory("keywarden-confirm-")
{
    /// <summary>
    /// Runs argv[3:] with stdin on a new pty (made the controlling terminal of a new session); stdout to a pipe;
    /// stderr to the pty ("tty"), to the stdout pipe ("stdout": 2>&amp;1 | tee) or to a pipe of its own ("pipe");
    /// stdin from the pty, or (argv[2] == "piped-yes") a pipe that says "yes". When the prompt shows on the pty,
    /// types argv[1]. Prints one JSON object: exit code, stdout, what the pty showed, stderr.
    /// </summary>
    private const string PtyDriver = """
        import fcntl, json, os, select, subprocess, sys, termios, time
        answer, mode, stdin_mode, argv = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
        master, slave = os.openpty()
        def take_tty():
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        stderr = {"tty": slave, "stdout": subprocess.STDOUT, "pipe": subprocess.PIPE}[mode]
        stdin = slave if stdin_mode == "tty" else subprocess.PIPE
        p = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.PIPE, stderr=stderr, preexec_fn=take_tty, pass_fds=(slave,))
        if stdin_mode == "piped-yes":
            p.stdin.write(b"yes\n"); p.stdin.close()
        os.close(slave)
        out, err, tty, answered = bytearray(), bytearray(), bytearray(), False
        streams = {p.stdout.fileno(): out}
        if p.stderr: streams[p.stderr.fileno()] = err
        deadline = time.time() + 150
        while time.time() < deadline:
            fds = list(streams) + ([master] if master is not None else [])
            if not fds: break
            ready, _, _ = select.select(fds, [], [], 1)
            for fd in ready:
                try: chunk = os.read(fd, 65536)
                except OSError: chunk = b""
                if fd == master:
                    if not chunk: master = None; continue
                    tty.extend(chunk)
                    if not answered and b"[y/N]" in tty:
                        os.write(fd, answer.encode() + b"\r"); answered = True
                elif chunk: streams[fd].extend(chunk)
                else: del streams[fd]
            if not streams and p.poll() is not None: break
        code = p.wait(timeout=30)
        print(json.dumps({"exit": code, "stdout": out.decode(errors="replace"), "tty": tty.decode(errors="replace"), "stderr": err.decode(errors="replace")}))
        """;

    private sealed record PtyResult(int ExitCode, string Stdout, string Tty, string Stderr);

    private async Task<PtyResult> RunOnPtyAsync(RemediationWorld world, string answer, string stderrMode, string stdinMode, params string[] args)
    {
        var driver = Path.Combine(Dir, "pty_driver.py");
        await File.WriteAllTextAsync(driver, PtyDriver);
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { driver, answer, stderrMode, stdinMode, "dotnet", Path.Combine(AppContext.BaseDirectory, "keywarden.dll") }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Clear();
        info.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        info.Environment["HOME"] = Dir;
        info.Environment["DOTNET_CLI_HOME"] = Dir;
        foreach (var (name, value) in world.Moto.ProcessEnvironment(world.Remediator))
        {
            if (value is not null)
            {
                info.Environment[name] = value;
            }
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"pty driver failed: {await stderr}");
        var json = JsonDocument.Parse(await stdout).RootElement;
        return new PtyResult(json.GetProperty("exit").GetInt32(), json.GetProperty("stdout").GetString()!, json.GetProperty("tty").GetString()!, json.GetProperty("stderr").GetString()!);
    }

    private async Task<(RemediationWorld World, SeededUser User)> PlannedAsync()
    {
        var world = await RemediationWorld.CreateAsync("c");
        var user = await world.Seeder.CreateUserAsync(world.Tag, keys: [KeyState.Active, KeyState.Active]);
        await world.Seeder.UseKeyAsync(user.Keys[1]);
        var plan = await KeywardenProcess.RunAsync(world.Moto, world.Remediator, "plan", "-o", PlanPath, "--principal", $"{world.Tag}-*");
        Assert.True(plan.ExitCode == 0, plan.Stderr);
        return (world, user);
    }

    private static async Task<IReadOnlyDictionary<string, string>> StatesAsync(RemediationWorld world, SeededUser user) =>
        await AwsCli.ListAccessKeysAsync(world.Moto, world.Moto.Admin, user.UserName);

    [SkippableTheory]
    [InlineData("tty", "y")]    // apply … | tee log
    [InlineData("stdout", "YES")] // apply … 2>&1 | tee log: the prompt is on the controlling terminal, not in the log
    public async Task Apply_with_stdout_piped_asks_on_the_terminal_and_proceeds_on_y(string stderrMode, string answer)
    {
        var (world, user) = await PlannedAsync();

        var result = await RunOnPtyAsync(world, answer, stderrMode, "tty", "apply", PlanPath);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Tty + result.Stderr);
        Assert.Contains("[y/N]", result.Tty);
        Assert.DoesNotContain("[y/N]", result.Stdout); // the piped output (the log) holds the tables, not the question
        Assert.Contains("Apply", result.Stdout);
        var states = await StatesAsync(world, user);
        Assert.Equal("Inactive", states[user.Keys[0].AccessKeyId]);
        Assert.Equal("Active", states[user.Keys[1].AccessKeyId]);

        var undo = await RunOnPtyAsync(world, "y", stderrMode, "tty", "undo", JournalPath);
        Assert.True(undo.ExitCode == 0, undo.Stdout + undo.Tty + undo.Stderr);
        Assert.All((await StatesAsync(world, user)).Values, s => Assert.Equal("Active", s));
    }

    [SkippableFact]
    public async Task A_declined_confirmation_changes_nothing_and_exits_5()
    {
        var (world, user) = await PlannedAsync();

        var result = await RunOnPtyAsync(world, "n", "tty", "tty", "apply", PlanPath);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("not confirmed: nothing was changed", result.Tty);
        Assert.False(File.Exists(JournalPath));
        Assert.All((await StatesAsync(world, user)).Values, s => Assert.Equal("Active", s));
    }

    [SkippableFact]
    public async Task A_yes_piped_into_stdin_does_not_answer_for_the_person_at_the_terminal()
    {
        var (world, user) = await PlannedAsync();

        // stdin says yes, stdout and stderr are pipes; the controlling terminal says no.
        var result = await RunOnPtyAsync(world, "no", "pipe", "piped-yes", "apply", PlanPath);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("[y/N]", result.Tty);
        Assert.All((await StatesAsync(world, user)).Values, s => Assert.Equal("Active", s));
    }

    [SkippableFact]
    public async Task Verify_passes_one_active_key_that_is_not_the_keeper_and_all_users_catches_the_others()
    {
        var (world, user) = await PlannedAsync();
        var apply = await KeywardenProcess.RunAsync(world.Moto, world.Remediator, "apply", PlanPath, "--yes");
        Assert.True(apply.ExitCode == 0, apply.Stderr);
        var (forgotten, kept) = (user.Keys[0].AccessKeyId, user.Keys[1].AccessKeyId);

        // Someone swaps by hand: the keeper off, the other key back on. Still one active key: CIS-compliant.
        using (var admin = world.Moto.CreateIamClient(world.Moto.Admin))
        {
            await admin.UpdateAccessKeyAsync(new UpdateAccessKeyRequest { UserName = user.UserName, AccessKeyId = kept, Status = "Inactive" });
            await admin.UpdateAccessKeyAsync(new UpdateAccessKeyRequest { UserName = user.UserName, AccessKeyId = forgotten, Status = "Active" });
        }

        var verify = await KeywardenProcess.RunAsync(world.Moto, world.Remediator, "verify", PlanPath, "--format", "json");
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        var row = Assert.Single(JsonDocument.Parse(verify.Stdout).RootElement.GetProperty("results").EnumerateArray());
        Assert.True(row.GetProperty("passed").GetBoolean());
        Assert.Contains(forgotten, row.GetProperty("detail").GetString());

        // A user the plan never named, with two active keys: only --all sees it, and fails the run.
        var other = await world.Seeder.CreateUserAsync(world.Tag + "x", keys: [KeyState.Active, KeyState.Active]);
        var junit = Path.Combine(Dir, "verify.junit.xml");
        var all = await KeywardenProcess.RunAsync(world.Moto, world.Remediator, "verify", PlanPath, "--all", "--format", "junit", "-o", junit);
        Assert.True(all.ExitCode == 1, all.Stdout + all.Stderr);
        Assert.Matches(@"\d+ user\(s\) still have more than one active key", all.Stderr);
        var cases = System.Xml.Linq.XDocument.Load(junit).Descendants("testcase").ToList();
        Assert.NotNull(Assert.Single(cases, c => c.Attribute("name")!.Value == other.UserName).Element("failure"));
        Assert.Null(Assert.Single(cases, c => c.Attribute("name")!.Value == user.UserName).Element("failure"));
        Assert.Equal("", all.Stdout); // -o: nothing on stdout
    }
}
