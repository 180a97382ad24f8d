using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.EmulatorTests.Infrastructure;

namespace KeyWarden.EmulatorTests.Cli;

/// <summary>
/// The real `keywarden audit --security-hub` and `keywarden report publish --security-hub` against moto's Security Hub
/// (EnableSecurityHub, BatchImportFindings, GetFindings), through the fault proxy (which counts and faults Security
/// Hub's REST calls by path). Each test has a private moto account; what moto holds is read back with GetFindings
/// and, once, with the real AWS CLI.
/// </summary>
public sealed class SecurityHubCliEmulatorTests
{
    private static async Task<(FaultProxy Proxy, string Account, MotoSeeder Seeder)> AccountAsync(FaultPlan? plan = null)
    {
        var moto = MotoEnvironment.Plain();
        var account = FaultProxy.NewAccountId();
        var proxy = new FaultProxy(moto.Url, plan, motoAccountId: account);
        await SecurityHubReader.EnableAsync(proxy);
        return (proxy, account, MotoSeeder.ForPlain(proxy.AsServer()));
    }

    private static Task<KeywardenProcess.Result> Run(FaultProxy proxy, params string[] args) =>
        KeywardenProcess.RunAsync(proxy.AsServer(), MotoCredentials.Anonymous, args);

    private static string Id(string account, string user) => $"keywarden/aws/{account}/iam-single-active-access-key/{user}";

    private static int AsffCount(KeywardenProcess.Result result) => JsonNode.Parse(result.Stdout)!.AsArray().Count;

    [Fact]
    public async Task Import_then_reimport_updates_the_same_findings_keeping_CreatedAt()
    {
        var (proxy, account, seeder) = await AccountAsync();
        await using var _ = proxy;
        var offender = await seeder.CreateUserAsync("kw-sh", keys: [KeyState.Active, KeyState.Active]);
        var clean = await seeder.CreateUserAsync("kw-sh", keys: [KeyState.Active]);

        var first = await Run(proxy, "audit", "--security-hub", "--format", "asff");
        Assert.True(first.ExitCode == 1, first.Stderr); // the audit's own code: a FAIL, the import succeeded
        var written = AsffCount(first);
        Assert.Contains($"security hub (us-east-1): imported {written} findings into 1 account(s) (0 archived, 0 failed)", first.Stderr);
        var stored = await SecurityHubReader.FindingsAsync(proxy);
        Assert.Equal(written, stored.Count);
        var failing = stored[Id(account, offender.UserName)];
        Assert.Equal("FAILED", (string?)failing["Compliance"]!["Status"]);
        Assert.Equal($"arn:aws:securityhub:us-east-1:{account}:product/{account}/default", (string?)failing["ProductArn"]);
        Assert.Equal("MEDIUM", (string?)failing["FindingProviderFields"]!["Severity"]!["Label"]);
        Assert.Equal("PASSED", (string?)stored[Id(account, clean.UserName)]["Compliance"]!["Status"]);

        await Task.Delay(TimeSpan.FromSeconds(1.2)); // timestamps are whole seconds
        var second = await Run(proxy, "audit", "--security-hub", "--format", "json");
        Assert.Equal(1, second.ExitCode);
        var again = await SecurityHubReader.FindingsAsync(proxy);
        Assert.Equal(stored.Keys.Order(), again.Keys.Order()); // updated, not duplicated
        foreach (var (id, before) in stored)
        {
            Assert.Equal((string?)before["CreatedAt"], (string?)again[id]["CreatedAt"]);
            Assert.NotEqual((string?)before["UpdatedAt"], (string?)again[id]["UpdatedAt"]);
        }
    }

    [Fact]
    public async Task A_fixed_user_finding_becomes_PASSED_and_ARCHIVED()
    {
        var (proxy, account, seeder) = await AccountAsync();
        await using var _ = proxy;
        var offender = await seeder.CreateUserAsync("kw-fix", keys: [KeyState.Active, KeyState.Active]);
        var first = await Run(proxy, "audit", "--security-hub");
        Assert.True(first.ExitCode == 1, first.Stderr);
        var createdAt = (string?)(await SecurityHubReader.FindingsAsync(proxy))[Id(account, offender.UserName)]["CreatedAt"];

        using (var iam = proxy.AsServer().CreateIamClient())
        {
            await iam.UpdateAccessKeyAsync(new UpdateAccessKeyRequest { UserName = offender.UserName, AccessKeyId = offender.Keys[0].AccessKeyId, Status = AccessKeyStatus.Inactive });
        }

        var second = await Run(proxy, "audit", "--security-hub", "--source", "live");
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("(1 archived, 0 failed)", second.Stderr);
        var fixedFinding = (await SecurityHubReader.FindingsAsync(proxy))[Id(account, offender.UserName)];
        Assert.Equal("PASSED", (string?)fixedFinding["Compliance"]!["Status"]);
        Assert.Equal("ARCHIVED", (string?)fixedFinding["RecordState"]);
        Assert.Equal(createdAt, (string?)fixedFinding["CreatedAt"]);

        // Still passing next time: it stays archived, and is not counted as archived by that run.
        var third = await Run(proxy, "audit", "--security-hub", "--source", "live");
        Assert.Equal(0, third.ExitCode);
        Assert.Contains("(0 archived, 0 failed)", third.Stderr);
        Assert.Equal("ARCHIVED", (string?)(await SecurityHubReader.FindingsAsync(proxy))[Id(account, offender.UserName)]["RecordState"]);
    }

    [Fact]
    public async Task A_saved_report_of_250_findings_is_published_in_3_calls_and_the_aws_cli_sees_them()
    {
        var (proxy, account, _) = await AccountAsync();
        await using var __ = proxy;
        var dir = Directory.CreateTempSubdirectory("kw-sh-").FullName;
        try
        {
        var csv = Path.Combine(dir, "report.csv");
        await File.WriteAllTextAsync(csv, CredentialReport(account, 250));
        var json = Path.Combine(dir, "report.json");
        var audit = await Run(proxy, "audit", "--rules", "iam-single-active-access-key", "--credential-report", csv, "--format", "json", "-o", json, "--as-of", "2026-11-28T09:00:00Z");
        Assert.True(audit.ExitCode is 0 or 1, audit.Stderr);
        Assert.Equal(251, JsonNode.Parse(await File.ReadAllTextAsync(json))!["findings"]!.AsArray().Count); // root + 250 users

        proxy.Counters.Reset();
        var publish = await Run(proxy, "report", "publish", json, "--security-hub");
        Assert.True(publish.ExitCode == 0, publish.Stderr);
        Assert.Contains("imported 251 findings into 1 account(s) (0 archived, 0 failed)", publish.Stderr);
        Assert.Equal(3, proxy.Counters.SeenCount("BatchImportFindings"));
        Assert.Equal(251, (await SecurityHubReader.FindingsAsync(proxy)).Count);

        var cli = await AwsCliGetFindingsAsync(proxy);
        Assert.Equal(251, cli.Count);
        Assert.Contains(Id(account, "u007"), cli);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_throttled_BatchImportFindings_is_retried_and_imports()
    {
        var plan = new FaultPlan([new FaultRule(new HashSet<string> { "BatchImportFindings" }, 1.0, [FaultKind.Throttling], FirstOccurrences: 2)]);
        var (proxy, account, seeder) = await AccountAsync(plan);
        await using var _ = proxy;
        var offender = await seeder.CreateUserAsync("kw-thr", keys: [KeyState.Active, KeyState.Active]);

        var result = await Run(proxy, "audit", "--security-hub");
        Assert.True(result.ExitCode == 1, result.Stderr);
        Assert.Equal(2, proxy.Counters.FaultedCount(FaultKind.Throttling, "BatchImportFindings"));
        Assert.True(proxy.Counters.RetriedCount("BatchImportFindings") >= 2, proxy.Counters.Summary());
        Assert.Contains("(0 archived, 0 failed)", result.Stderr);
        Assert.True((await SecurityHubReader.FindingsAsync(proxy)).ContainsKey(Id(account, offender.UserName)));
    }

    [Fact]
    public async Task A_lost_answer_is_sent_again_and_updates_rather_than_duplicates()
    {
        // moto imports the first BatchImportFindings, then the proxy resets the connection: the SDK sends it again.
        var plan = new FaultPlan([new FaultRule(new HashSet<string> { "BatchImportFindings" }, 1.0, [FaultKind.DropResponse], FirstOccurrences: 1)]);
        var (proxy, _, seeder) = await AccountAsync(plan);
        await using var _ = proxy;
        await seeder.CreateUserAsync("kw-drop", keys: [KeyState.Active, KeyState.Active]);

        var result = await Run(proxy, "audit", "--security-hub", "--format", "asff");
        Assert.True(result.ExitCode == 1, result.Stderr);
        Assert.Equal(1, proxy.Counters.FaultedCount(FaultKind.DropResponse, "BatchImportFindings"));
        Assert.Equal(2, proxy.Counters.ForwardedCount("BatchImportFindings")); // moto saw it twice
        Assert.Contains("(0 archived, 0 failed)", result.Stderr);
        Assert.Equal(AsffCount(result), (await SecurityHubReader.FindingsAsync(proxy)).Count);
    }

    [Fact]
    public async Task Findings_refused_by_Security_Hub_are_listed_by_id_and_exit_3()
    {
        var plan = new FaultPlan([new FaultRule(new HashSet<string> { "BatchImportFindings" }, 1.0, [FaultKind.FailedFindings])]);
        var (proxy, account, seeder) = await AccountAsync(plan);
        await using var _ = proxy;
        var offender = await seeder.CreateUserAsync("kw-ref", keys: [KeyState.Active, KeyState.Active]);

        var result = await Run(proxy, "audit", "--security-hub", "--format", "asff");
        Assert.Equal(3, result.ExitCode);
        var count = AsffCount(result);
        var lines = result.Stderr.Split('\n').Where(l => l.Contains("security hub: not imported: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(count, lines.Count);
        Assert.Contains(lines, l => l.Contains(Id(account, offender.UserName) + ": InvalidInput", StringComparison.Ordinal));
        Assert.Contains($"imported 0 findings into 0 account(s) (0 archived, {count} failed)", result.Stderr);
        Assert.Empty(await SecurityHubReader.FindingsAsync(proxy));
    }

    [Fact]
    public async Task An_organization_run_imports_each_account_findings_into_that_account_through_its_role()
    {
        var moto = MotoEnvironment.Plain();
        await using var world = await OrgWorld.CreateAsync(moto);
        var member = await world.CreateMemberAsync("member-sh");
        var memberUser = await world.SeederFor(member.AccountId).CreateUserAsync("kw-m", keys: [KeyState.Active, KeyState.Active]);
        var hubUser = await world.SeederFor(world.ManagementAccountId).CreateUserAsync("kw-h", keys: [KeyState.Active, KeyState.Active]);
        await using var proxy = new FaultProxy(moto.Url);
        await using var memberView = new FaultProxy(moto.Url, motoAccountId: member.AccountId);
        await using var hubView = new FaultProxy(moto.Url, motoAccountId: world.ManagementAccountId);

        var result = await KeywardenProcess.RunAsync(proxy.AsServer(), world.HubCredentials, "audit", "--org", "--security-hub", "--format", "json");
        Assert.True(result.ExitCode == 1, result.Stderr);
        Assert.Contains("into 2 account(s) (0 archived, 0 failed)", result.Stderr);
        Assert.True(proxy.Counters.AssumeRoleForwarded(member.AccountId) >= 1);

        var inMember = await SecurityHubReader.FindingsAsync(memberView);
        var inHub = await SecurityHubReader.FindingsAsync(hubView);
        Assert.Contains(Id(member.AccountId, memberUser.UserName), inMember.Keys);
        Assert.All(inMember.Values, f => Assert.Equal(member.AccountId, (string?)f["AwsAccountId"]));
        Assert.Contains(Id(world.ManagementAccountId, hubUser.UserName), inHub.Keys);
        Assert.All(inHub.Values, f => Assert.Equal(world.ManagementAccountId, (string?)f["AwsAccountId"]));
    }

    [Fact]
    public async Task Report_publish_without_a_destination_is_a_usage_error()
    {
        var (proxy, _, _) = await AccountAsync();
        await using var _ = proxy;
        var result = await Run(proxy, "report", "publish", "report.json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--security-hub", result.Stderr);
    }

    /// <summary>A credential report of <paramref name="users"/> users with one active key each (all PASS), plus root.</summary>
    private static string CredentialReport(string account, int users)
    {
        var text = new StringBuilder();
        text.Append("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n");
        text.Append($"<root_account>,arn:aws:iam::{account}:root,2021-02-27T09:00:00+00:00,not_supported,2026-10-19T09:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
        for (var i = 0; i < users; i++)
        {
            var name = "u" + i.ToString("D3", CultureInfo.InvariantCulture);
            text.Append($"{name},arn:aws:iam::{account}:user/{name},2024-06-11T09:00:00+00:00,false,N/A,N/A,N/A,false,true,2026-09-29T09:00:00+00:00,2026-11-28T06:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
        }

        return text.ToString();
    }

    /// <summary>`aws securityhub get-findings` (every page): the finding Ids the real AWS CLI reads back.</summary>
    private static async Task<HashSet<string>> AwsCliGetFindingsAsync(FaultProxy proxy)
    {
        var info = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "securityhub", "get-findings", "--output", "json", "--endpoint-url", proxy.Url })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in proxy.AsServer().ProcessEnvironment(MotoCredentials.Anonymous))
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"aws securityhub get-findings failed: {stderr}");
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.GetProperty("Findings").EnumerateArray().Select(f => f.GetProperty("Id").GetString()!).ToHashSet(StringComparer.Ordinal);
    }
}
