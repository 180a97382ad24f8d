using KeyWarden.EmulatorTests.Infrastructure;
using Xunit.Abstractions;

namespace KeyWarden.EmulatorTests.Cli;

/// <summary>
/// A unique marker planted as the secret access key and the session token (in the environment; in shared
/// credentials/config files, with and without a malformed <c>aws_secret_access_key: MARKER</c> line), and an
/// endpoint that echoes the request headers (X-Amz-Security-Token included) back in its error message: after
/// every command (audit in every format to files, plan, apply, verify, undo), error paths and --debug, the
/// marker is in no stdout, no stderr and no file written (reports, plan, journal).
/// </summary>
public sealed class PlantedSecretEmulatorTests(ITestOutputHelper output) : IDisposable
{
    private const string AccessKeyId = "AKIAPLANTEDSECRET001";
    private readonly string _dir = Directory.CreateTempSubdirectory("keywarden-secret-").FullName;
    private readonly string _marker = "KWPLANTED" + Guid.NewGuid().ToString("N").ToUpperInvariant();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed record Leak(string Where, string Command);

    /// <summary>Where the credentials come from, and whether the credentials file has a malformed line holding the marker.</summary>
    public enum CredentialSource
    {
        Environment,
        EnvironmentWithMalformedProfileFile,
        ProfileFiles,
        ProfileFilesWithMalformedLine,
    }

    private IReadOnlyDictionary<string, string?> Environment(FaultProxy proxy, CredentialSource source, string dir)
    {
        var environment = new Dictionary<string, string?>(proxy.AsServer().ProcessEnvironment(new MotoCredentials(AccessKeyId, _marker)));
        var credentials = Path.Combine(dir, "credentials");
        var config = Path.Combine(dir, "config");
        var malformed = source is CredentialSource.EnvironmentWithMalformedProfileFile or CredentialSource.ProfileFilesWithMalformedLine;
        File.WriteAllText(credentials,
            "[kw]\n" +
            $"aws_access_key_id = {AccessKeyId}\n" +
            $"aws_secret_access_key = {_marker}\n" +
            $"aws_session_token = {_marker}\n" +
            (malformed ? $"[other]\naws_access_key_id = {AccessKeyId}\naws_secret_access_key: {_marker}\n" : ""));
        File.WriteAllText(config, "[profile kw]\nregion = us-east-1\n");
        environment["AWS_SHARED_CREDENTIALS_FILE"] = credentials;
        environment["AWS_CONFIG_FILE"] = config;
        if (source is CredentialSource.Environment or CredentialSource.EnvironmentWithMalformedProfileFile)
        {
            environment["AWS_SESSION_TOKEN"] = _marker;
        }
        else
        {
            environment["AWS_ACCESS_KEY_ID"] = null;
            environment["AWS_SECRET_ACCESS_KEY"] = null;
            environment["AWS_PROFILE"] = "kw";
        }

        return environment;
    }

    /// <summary>Every command and format, through a working endpoint, then through one that echoes headers, plus error paths.</summary>
    private static IReadOnlyList<string[]> Commands(string dir, string good, string echo, string partlyEcho, string hubEcho)
    {
        var plan = Path.Combine(dir, "plan.json");
        var journal = Path.Combine(dir, "plan.journal.jsonl");
        const string formats = "table,json,csv,html,ocsf,asff,junit";
        return
        [
            ["audit", "--all", "--format", formats, "--output-dir", Path.Combine(dir, "audit-auto"), "--endpoint-url", good],
            ["audit", "--all", "--source", "live", "--format", formats, "--output-dir", Path.Combine(dir, "audit-live"), "--endpoint-url", good],
            ["audit", "--all", "--format", "json", "--endpoint-url", good, "--debug"],
            ["plan", "--out", plan, "--endpoint-url", good],
            ["apply", plan, "--yes", "--endpoint-url", good],
            ["verify", plan, "--endpoint-url", good],
            ["verify", journal, "--format", "json", "--endpoint-url", good],
            ["undo", journal, "--yes", "--endpoint-url", good],
            ["audit", "--security-hub", "--endpoint-url", good],
            // The endpoint echoes the request headers (the session token among them) in its error messages.
            ["audit", "--all", "--format", formats, "--output-dir", Path.Combine(dir, "audit-echo"), "--endpoint-url", echo],
            ["audit", "--all", "--format", "json", "--endpoint-url", echo, "--debug"],
            ["audit", "--all", "--source", "live", "--format", formats, "--output-dir", Path.Combine(dir, "audit-partly-echo"), "--endpoint-url", partlyEcho],
            ["audit", "--all", "--source", "live", "--format", "json", "--endpoint-url", partlyEcho, "--debug"],
            ["plan", "--out", Path.Combine(dir, "plan-echo.json"), "--endpoint-url", echo, "--debug"],
            ["apply", plan, "--yes", "--journal", Path.Combine(dir, "echo.journal.jsonl"), "--endpoint-url", echo],
            ["apply", plan, "--yes", "--journal", Path.Combine(dir, "echo-partly.journal.jsonl"), "--endpoint-url", partlyEcho, "--debug"],
            ["verify", plan, "--endpoint-url", echo, "--debug"],
            ["undo", journal, "--yes", "--endpoint-url", echo, "--debug"],
            // Security Hub's BatchImportFindings echoes the headers (an error body that is not JSON: quoted in the failure line).
            ["audit", "--security-hub", "--endpoint-url", hubEcho, "--debug"],
            ["report", "publish", Path.Combine(dir, "audit-auto", "keywarden-report.json"), "--security-hub", "--endpoint-url", hubEcho, "--debug"],
            // Error paths.
            ["audit", "--principal", "no-such-user-*", "--format", "json", "--endpoint-url", good, "--debug"],
            ["audit", "--endpoint-url", "http://127.0.0.1:1", "--debug"],
            ["apply", Path.Combine(dir, "missing-plan.json"), "--yes", "--endpoint-url", good, "--debug"],
            ["audit", "--no-such-option"],
        ];
    }

    [SkippableTheory]
    [InlineData(CredentialSource.Environment)]
    [InlineData(CredentialSource.EnvironmentWithMalformedProfileFile)]
    [InlineData(CredentialSource.ProfileFiles)]
    [InlineData(CredentialSource.ProfileFilesWithMalformedLine)]
    public async Task The_planted_secret_appears_in_no_output_and_no_file(CredentialSource source)
    {
        var moto = MotoEnvironment.Plain();
        await using var account = FaultAccount.Create(moto);
        await account.SeedForgottenKeysAsync("ps", 2);
        await account.SeedMixAsync("pm", 6);
        await using var good = account.Proxy(FaultPlan.None, seed: 0);
        await using var echo = account.Proxy(FaultPlan.Everywhere(1, [FaultKind.EchoHeaders]), seed: 0);
        await using var partlyEcho = account.Proxy(
            new FaultPlan([new FaultRule(new HashSet<string> { "ListAccessKeys", "UpdateAccessKey" }, 1, [FaultKind.EchoHeaders])]), seed: 0);
        await using var hubEcho = account.Proxy(new FaultPlan([new FaultRule(new HashSet<string> { "BatchImportFindings" }, 1, [FaultKind.EchoHeaders])]), seed: 0);
        var dir = Directory.CreateDirectory(Path.Combine(_dir, source.ToString())).FullName;
        var environment = Environment(good, source, dir);

        var leaks = new List<Leak>();
        var exits = new List<string>();
        foreach (var args in Commands(dir, good.Url, echo.Url, partlyEcho.Url, hubEcho.Url))
        {
            var command = string.Join(" ", args.Select(a => a.Replace(dir, "DIR", StringComparison.Ordinal)));
            var result = await KeywardenProcess.RunAsync(environment, args);
            exits.Add($"exit {result.ExitCode}: {command}");
            if (result.Stdout.Contains(_marker, StringComparison.Ordinal))
            {
                leaks.Add(new Leak("stdout", command));
            }

            if (result.Stderr.Contains(_marker, StringComparison.Ordinal))
            {
                leaks.Add(new Leak("stderr: " + result.Stderr.Split('\n').First(l => l.Contains(_marker, StringComparison.Ordinal)).Replace(_marker, "<MARKER>", StringComparison.Ordinal), command));
            }
        }

        // The planted credentials/config files hold the marker by design; everything KeyWarden wrote must not.
        var written = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) is not ("credentials" or "config")).ToList();
        leaks.AddRange(written.Where(f => File.ReadAllText(f).Contains(_marker, StringComparison.Ordinal)).Select(f => new Leak("file " + Path.GetRelativePath(dir, f), "(written)")));

        FaultFigures.Record(output, $"{nameof(The_planted_secret_appears_in_no_output_and_no_file)}({source})",
            [$"{exits.Count} commands, {written.Count} files written, echo requests {echo.Counters.FaultedCount(FaultKind.EchoHeaders) + partlyEcho.Counters.FaultedCount(FaultKind.EchoHeaders)}, leaks {leaks.Count}", .. exits]);
        if (source is CredentialSource.Environment or CredentialSource.ProfileFiles)
        {
            // There must be something to look into: every report format, the plan, the journals.
            Assert.True(written.Count >= 14, $"expected reports, plan and journal: {string.Join(", ", written)}");
            Assert.True(echo.Counters.FaultedCount(FaultKind.EchoHeaders) > 0 && partlyEcho.Counters.FaultedCount(FaultKind.EchoHeaders) > 0, "the echoing endpoints were never asked");
            Assert.True(hubEcho.Counters.FaultedCount(FaultKind.EchoHeaders, "BatchImportFindings") > 0, "Security Hub's echoing endpoint was never asked");
        }

        Assert.True(leaks.Count == 0, $"{leaks.Count} leaks of the planted secret:\n" + string.Join("\n", leaks.Select(l => $"{l.Where} <- {l.Command}")));
    }
}
