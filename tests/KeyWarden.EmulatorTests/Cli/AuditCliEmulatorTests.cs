using System.Text.Json;
using KeyWarden.EmulatorTests.Infrastructure;

namespace KeyWarden.EmulatorTests.Cli;

/// <summary>The real `keywarden audit` process against moto: every source, key ids and usage, and its errors.</summary>
public sealed class AuditCliEmulatorTests
{
    private sealed record Seeded(string Tag, SeededUser None, SeededUser One, SeededUser OneAndInactive, SeededUser TwoUsed, SeededUser TwoUnused);

    private static async Task<Seeded> SeedAsync(MotoServer moto, MotoSeeder seeder)
    {
        var tag = "a" + Guid.NewGuid().ToString("N")[..8];
        var seeded = new Seeded(
            tag,
            await seeder.CreateUserAsync(tag),
            await seeder.CreateUserAsync(tag, keys: [KeyState.Active]),
            await seeder.CreateUserAsync(tag, keys: [KeyState.Active, KeyState.Inactive]),
            await seeder.CreateUserAsync(tag, keys: [KeyState.Active, KeyState.Active]),
            await seeder.CreateUserAsync(tag, keys: [KeyState.Active, KeyState.Active]));
        await seeder.UseKeyAsync(seeded.TwoUsed.Keys[1]);
        return seeded;
    }

    private static async Task<JsonElement> AuditJsonAsync(MotoServer moto, MotoCredentials credentials, string tag, string source, int expectedExit = 1)
    {
        var result = await KeywardenProcess.RunAsync(moto, credentials, "audit", "--rules", "iam-single-active-access-key", "--source", source, "--format", "json", "--principal", $"{tag}-*");
        Assert.True(result.ExitCode == expectedExit, $"exit {result.ExitCode}, stderr: {result.Stderr}");
        using var doc = JsonDocument.Parse(result.Stdout);
        return doc.RootElement.Clone();
    }

    private static JsonElement Finding(JsonElement report, string user) =>
        report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("principal").GetString() == user);

    [SkippableTheory]
    [InlineData("auto")]
    [InlineData("live")]
    public async Task Live_sources_report_key_ids_ages_and_last_use_for_every_fail(string source)
    {
        var moto = MotoEnvironment.Plain();
        var seeded = await SeedAsync(moto, MotoSeeder.ForPlain(moto));

        var report = await AuditJsonAsync(moto, MotoCredentials.Anonymous, seeded.Tag, source);

        var origin = Assert.Single(report.GetProperty("sources").EnumerateArray());
        Assert.Equal(source, origin.GetProperty("kind").GetString());
        Assert.Equal("123456789012", origin.GetProperty("accountId").GetString());
        Assert.Equal(5, report.GetProperty("summary").GetProperty("principals").GetInt32());
        Assert.Equal(2, report.GetProperty("summary").GetProperty("fail").GetInt32());

        var used = Finding(report, seeded.TwoUsed.UserName);
        Assert.Equal("FAIL", used.GetProperty("status").GetString());
        Assert.Equal("forgotten-key", used.GetProperty("classification").GetString());
        Assert.Equal(seeded.TwoUsed.Keys.Select(k => k.AccessKeyId).Order(), used.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("id").GetString()).Order());
        Assert.Equal(seeded.TwoUsed.Keys[1].AccessKeyId, used.GetProperty("decision").GetProperty("keep").GetString());
        Assert.Equal([seeded.TwoUsed.Keys[0].AccessKeyId], used.GetProperty("decision").GetProperty("deactivate").EnumerateArray().Select(e => e.GetString()));
        var usedKey = used.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("id").GetString() == seeded.TwoUsed.Keys[1].AccessKeyId);
        Assert.Equal(JsonValueKind.String, usedKey.GetProperty("lastUsedAt").ValueKind);
        Assert.Equal(0, usedKey.GetProperty("ageDays").GetInt32());
        Assert.Equal(JsonValueKind.String, usedKey.GetProperty("createdAt").ValueKind);

        var unused = Finding(report, seeded.TwoUnused.UserName);
        Assert.Equal("no-usage-evidence", unused.GetProperty("classification").GetString());
        Assert.True(unused.GetProperty("decision").GetProperty("needsReview").GetBoolean());

        Assert.Equal("PASS", Finding(report, seeded.None.UserName).GetProperty("status").GetString());
        Assert.Equal("PASS", Finding(report, seeded.One.UserName).GetProperty("status").GetString());
        var mixed = Finding(report, seeded.OneAndInactive.UserName);
        Assert.Equal("PASS", mixed.GetProperty("status").GetString());
        Assert.Equal(["Active", "Inactive"], mixed.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("status").GetString()).Order());
    }

    [SkippableFact]
    public async Task Auto_and_live_agree_and_the_aws_cli_confirms_the_key_states()
    {
        var moto = MotoEnvironment.Plain();
        var seeded = await SeedAsync(moto, MotoSeeder.ForPlain(moto));

        var auto = await AuditJsonAsync(moto, MotoCredentials.Anonymous, seeded.Tag, "auto");
        var live = await AuditJsonAsync(moto, MotoCredentials.Anonymous, seeded.Tag, "live");

        static IEnumerable<string> Digest(JsonElement report) => report.GetProperty("findings").EnumerateArray()
            .Select(f => string.Join('|',
                f.GetProperty("principal").GetString(),
                f.GetProperty("status").GetString(),
                f.GetProperty("classification").ToString(),
                f.GetProperty("activeKeyCount").GetInt32(),
                f.GetProperty("decision").ValueKind == JsonValueKind.Null ? "-" : f.GetProperty("decision").GetProperty("keep").GetString()))
            .Order();
        Assert.Equal(Digest(live), Digest(auto));

        // The independent cross-check: the real AWS CLI sees the same keys with the same statuses. Auto re-reads
        // only candidates live (others keep the report's slot names), so the passing user is checked in live.
        foreach (var (report, user) in new[] { (auto, seeded.TwoUsed), (live, seeded.TwoUsed), (live, seeded.OneAndInactive) })
        {
            var cli = await AwsCli.ListAccessKeysAsync(moto, MotoCredentials.Anonymous, user.UserName);
            var ours = Finding(report, user.UserName).GetProperty("keys").EnumerateArray()
                .ToDictionary(k => k.GetProperty("id").GetString()!, k => k.GetProperty("status").GetString()!);
            Assert.Equal(cli.OrderBy(p => p.Key), ours.OrderBy(p => p.Key));
        }
    }

    [SkippableFact]
    public async Task Credential_report_source_names_keys_by_slot_and_agrees_on_outcomes()
    {
        var moto = MotoEnvironment.Plain();
        var seeded = await SeedAsync(moto, MotoSeeder.ForPlain(moto));

        var report = await AuditJsonAsync(moto, MotoCredentials.Anonymous, seeded.Tag, "credential-report");

        Assert.Equal("credential-report", report.GetProperty("sources")[0].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.String, report.GetProperty("sources")[0].GetProperty("dataAsOf").ValueKind);
        var used = Finding(report, seeded.TwoUsed.UserName);
        Assert.Equal("FAIL", used.GetProperty("status").GetString());
        Assert.All(used.GetProperty("keys").EnumerateArray(), k => Assert.Equal(JsonValueKind.Null, k.GetProperty("id").ValueKind));
        Assert.Equal("slot:2", used.GetProperty("decision").GetProperty("keep").GetString());
        Assert.Equal(2, report.GetProperty("summary").GetProperty("fail").GetInt32());
    }

    [SkippableFact]
    public async Task Read_only_policy_is_enough_for_every_source_with_signatures_verified()
    {
        var moto = await MotoEnvironment.AuthAsync();
        var seeder = moto.Seeder();
        var seeded = await SeedAsync(moto, seeder);
        var auditor = await seeder.CreateUserAsync("ro", policyDocument: RepositoryFiles.ReadOnlyPolicy(), keys: [KeyState.Active]);

        foreach (var source in new[] { "auto", "live", "credential-report" })
        {
            var report = await AuditJsonAsync(moto, auditor.Keys[0].Credentials, seeded.Tag, source);
            Assert.Equal(2, report.GetProperty("summary").GetProperty("fail").GetInt32());
            Assert.Equal(0, report.GetProperty("summary").GetProperty("error").GetInt32());
        }
    }

    [SkippableFact]
    public async Task A_missing_permission_is_a_clear_error_and_exit_3_never_a_pass()
    {
        var moto = await MotoEnvironment.AuthAsync();
        var seeder = moto.Seeder();
        var seeded = await SeedAsync(moto, seeder);
        var withoutListAccessKeys = RepositoryFiles.ReadOnlyPolicy().Replace("\"iam:ListAccessKeys\",", string.Empty, StringComparison.Ordinal);
        var withoutReport = RepositoryFiles.ReadOnlyPolicy().Replace("\"iam:GenerateCredentialReport\",", string.Empty, StringComparison.Ordinal);
        Assert.NotEqual(RepositoryFiles.ReadOnlyPolicy(), withoutListAccessKeys);
        Assert.NotEqual(RepositoryFiles.ReadOnlyPolicy(), withoutReport);
        var noKeys = await seeder.CreateUserAsync("nokeys", policyDocument: withoutListAccessKeys, keys: [KeyState.Active]);
        var noReport = await seeder.CreateUserAsync("noreport", policyDocument: withoutReport, keys: [KeyState.Active]);

        // live: every user unreadable → ERROR findings naming the denied action.
        var live = await AuditJsonAsync(moto, noKeys.Keys[0].Credentials, seeded.Tag, "live", expectedExit: 3);
        Assert.Equal(5, live.GetProperty("summary").GetProperty("error").GetInt32());
        Assert.All(live.GetProperty("findings").EnumerateArray(), f => Assert.Contains("iam:ListAccessKeys", f.GetProperty("message").GetString()));

        // auto without the credential report: the account could not be evaluated.
        var result = await KeywardenProcess.RunAsync(moto, noReport.Keys[0].Credentials, "audit", "--rules", "iam-single-active-access-key", "--principal", $"{seeded.Tag}-*");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("iam:GenerateCredentialReport", result.Stderr);
        Assert.Contains("could not evaluate", result.Stderr);
        Assert.DoesNotContain(" at KeyWarden", result.Stderr);
    }

    [SkippableFact]
    public async Task Wrong_secret_is_a_one_line_signature_error_with_exit_3()
    {
        var moto = await MotoEnvironment.AuthAsync();
        var user = await moto.Seeder().CreateUserAsync("sig", policyDocument: RepositoryFiles.ReadOnlyPolicy(), keys: [KeyState.Active]);
        var wrong = user.Keys[0].Credentials with { SecretAccessKey = "not-the-secret-0000000000000000000000000" };

        var result = await KeywardenProcess.RunAsync(moto, wrong, "audit", "--rules", "iam-single-active-access-key", "--source", "live");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Signature", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(wrong.SecretAccessKey, result.Stderr + result.Stdout);
    }

    [SkippableFact]
    public async Task Unreachable_endpoint_and_missing_profile_are_one_line_errors_with_exit_3()
    {
        var moto = MotoEnvironment.Plain();
        var environment = new Dictionary<string, string?>(moto.ProcessEnvironment(MotoCredentials.Anonymous)) { ["AWS_MAX_ATTEMPTS"] = "1" };

        var unreachable = await KeywardenProcess.RunAsync(environment, "audit", "--rules", "iam-single-active-access-key", "--endpoint-url", "http://127.0.0.1:1");
        Assert.Equal(3, unreachable.ExitCode);
        Assert.Contains("127.0.0.1:1", unreachable.Stderr);
        Assert.DoesNotContain(" at ", unreachable.Stderr);

        var profile = await KeywardenProcess.RunAsync(environment, "audit", "--rules", "iam-single-active-access-key", "--profile", "no-such-profile");
        Assert.Equal(3, profile.ExitCode);
        var line = Assert.Single(profile.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no-such-profile", line);
    }
}
