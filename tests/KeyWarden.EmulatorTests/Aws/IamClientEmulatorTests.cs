using System.Diagnostics;
using System.Text;
using System.Text.Json;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.EmulatorTests.Infrastructure;

namespace KeyWarden.EmulatorTests.Aws;

/// <summary>Every IAM operation of the product client against moto with auth off.</summary>
public sealed class IamClientEmulatorTests
{
    [SkippableFact]
    public async Task ListUsers_returns_seeded_users_with_every_field()
    {
        var moto = MotoEnvironment.Plain();
        var before = DateTime.UtcNow.AddMinutes(-5);
        var user = await MotoSeeder.ForPlain(moto).CreateUserAsync("kw-list", path: "/team/");
        using var iam = moto.CreateIamClient();

        var response = await iam.ListUsersAsync(new ListUsersRequest());

        Assert.False(response.IsTruncated);
        var listed = Assert.Single(response.Users, u => u.UserName == user.UserName);
        Assert.Equal("/team/", listed.Path);
        Assert.Equal(user.Arn, listed.Arn);
        Assert.Equal($"arn:aws:iam::123456789012:user/team/{user.UserName}", listed.Arn);
        Assert.False(string.IsNullOrEmpty(listed.UserId));
        Assert.Equal(DateTimeKind.Utc, listed.CreateDate.Kind);
        Assert.InRange(listed.CreateDate, before, DateTime.UtcNow.AddMinutes(5));
        Assert.Null(listed.PasswordLastUsed);
    }

    [SkippableFact]
    public async Task ListAllUsers_paginator_yields_seeded_users()
    {
        var moto = MotoEnvironment.Plain();
        var seeder = MotoSeeder.ForPlain(moto);
        var a = await seeder.CreateUserAsync("kw-page");
        var b = await seeder.CreateUserAsync("kw-page");
        using var iam = moto.CreateIamClient();

        var names = new List<string>();
        await foreach (var u in iam.ListAllUsersAsync()) names.Add(u.UserName);

        Assert.Contains(a.UserName, names);
        Assert.Contains(b.UserName, names);
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [SkippableFact]
    public async Task ListAccessKeys_returns_active_and_inactive_keys()
    {
        var moto = MotoEnvironment.Plain();
        var user = await MotoSeeder.ForPlain(moto).CreateUserAsync("kw-keys", keys: [KeyState.Active, KeyState.Inactive]);
        using var iam = moto.CreateIamClient();

        var response = await iam.ListAccessKeysAsync(new ListAccessKeysRequest { UserName = user.UserName });
        var all = new List<AccessKeyMetadata>();
        await foreach (var k in iam.ListAllAccessKeysAsync(user.UserName)) all.Add(k);

        Assert.False(response.IsTruncated);
        Assert.Equal(
            user.Keys.Select(k => (k.AccessKeyId, k.State.ToString())).OrderBy(x => x.AccessKeyId),
            response.AccessKeyMetadata.Select(k => (k.AccessKeyId, k.Status)).OrderBy(x => x.AccessKeyId));
        Assert.All(response.AccessKeyMetadata, k => Assert.Equal(user.UserName, k.UserName));
        Assert.All(response.AccessKeyMetadata, k => Assert.Equal(DateTimeKind.Utc, k.CreateDate.Kind));
        Assert.Equal(response.AccessKeyMetadata.Select(k => k.AccessKeyId).Order(), all.Select(k => k.AccessKeyId).Order());
    }

    [SkippableFact]
    public async Task GetAccessKeyLastUsed_reports_never_used_then_the_recorded_use()
    {
        var moto = MotoEnvironment.Plain();
        var seeder = MotoSeeder.ForPlain(moto);
        var user = await seeder.CreateUserAsync("kw-used", keys: [KeyState.Active]);
        var key = user.Keys[0];
        using var iam = moto.CreateIamClient();

        var never = await iam.GetAccessKeyLastUsedAsync(new GetAccessKeyLastUsedRequest { AccessKeyId = key.AccessKeyId });
        Assert.Equal(user.UserName, never.UserName);
        Assert.Null(never.AccessKeyLastUsed.LastUsedDate);

        await seeder.UseKeyAsync(key);
        var used = await iam.GetAccessKeyLastUsedAsync(new GetAccessKeyLastUsedRequest { AccessKeyId = key.AccessKeyId });

        Assert.NotNull(used.AccessKeyLastUsed.LastUsedDate);
        Assert.Equal(DateTimeKind.Utc, used.AccessKeyLastUsed.LastUsedDate!.Value.Kind);
        Assert.InRange(used.AccessKeyLastUsed.LastUsedDate.Value, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(5));
        Assert.False(string.IsNullOrEmpty(used.AccessKeyLastUsed.ServiceName));
    }

    [SkippableFact]
    public async Task GetAccessKeyLastUsed_of_an_unknown_key_is_NoSuchEntity()
    {
        var moto = MotoEnvironment.Plain();
        using var iam = moto.CreateIamClient();
        var ex = await Assert.ThrowsAsync<NoSuchEntityException>(() => iam.GetAccessKeyLastUsedAsync(new GetAccessKeyLastUsedRequest { AccessKeyId = "AKIAUNKNOWN000000000" }));
        Assert.Contains("AKIAUNKNOWN000000000", ex.Message);
    }

    [SkippableFact]
    public async Task UpdateAccessKey_really_deactivates_and_the_aws_cli_agrees()
    {
        var moto = MotoEnvironment.Plain();
        var user = await MotoSeeder.ForPlain(moto).CreateUserAsync("kw-deact", keys: [KeyState.Active, KeyState.Active]);
        var target = user.Keys[1];
        using var iam = moto.CreateIamClient();

        await iam.UpdateAccessKeyAsync(new UpdateAccessKeyRequest { UserName = user.UserName, AccessKeyId = target.AccessKeyId, Status = AccessKeyStatus.Inactive });

        var keys = (await iam.ListAccessKeysAsync(new ListAccessKeysRequest { UserName = user.UserName })).AccessKeyMetadata;
        Assert.Equal("Inactive", keys.Single(k => k.AccessKeyId == target.AccessKeyId).Status);
        Assert.Equal("Active", keys.Single(k => k.AccessKeyId == user.Keys[0].AccessKeyId).Status);

        // The CIS confirmation step, with the real AWS CLI.
        var cli = await RunAwsCliAsync(moto, "iam", "list-access-keys", "--user-name", user.UserName, "--endpoint-url", moto.Url, "--output", "json");
        using var json = JsonDocument.Parse(cli);
        var statuses = json.RootElement.GetProperty("AccessKeyMetadata").EnumerateArray()
            .ToDictionary(k => k.GetProperty("AccessKeyId").GetString()!, k => k.GetProperty("Status").GetString());
        Assert.Equal("Inactive", statuses[target.AccessKeyId]);
        Assert.Equal("Active", statuses[user.Keys[0].AccessKeyId]);
    }

    [SkippableFact]
    public async Task UpdateAccessKey_of_a_missing_user_is_NoSuchEntity()
    {
        var moto = MotoEnvironment.Plain();
        using var iam = moto.CreateIamClient();
        await Assert.ThrowsAsync<NoSuchEntityException>(() => iam.UpdateAccessKeyAsync(
            new UpdateAccessKeyRequest { UserName = MotoSeeder.UniqueName("kw-ghost"), AccessKeyId = "AKIAUNKNOWN000000000", Status = AccessKeyStatus.Inactive }));
    }

    [SkippableFact]
    public async Task A_third_key_is_LimitExceeded_even_though_moto_answers_400()
    {
        var moto = MotoEnvironment.Plain();
        var seeder = MotoSeeder.ForPlain(moto);
        var user = await seeder.CreateUserAsync("kw-limit", keys: [KeyState.Active, KeyState.Active]);
        var ex = await Assert.ThrowsAsync<LimitExceededException>(() => seeder.CreateKeyAsync(user.UserName));
        Assert.Contains("AccessKeysPerUser", ex.Message);
    }

    [SkippableFact]
    public async Task Credential_report_is_generated_and_decoded()
    {
        var moto = MotoEnvironment.Plain();
        var user = await MotoSeeder.ForPlain(moto).CreateUserAsync("kw-report", keys: [KeyState.Active]);
        using var iam = moto.CreateIamClient();

        var generated = await iam.GenerateCredentialReportAsync(new());
        Assert.Contains(generated.State, new[] { ReportState.Started, ReportState.InProgress, ReportState.Complete });
        var report = await iam.GetCredentialReportAsync(new());

        Assert.Equal("text/csv", report.ReportFormat);
        Assert.NotNull(report.GeneratedTime);
        var csv = Encoding.UTF8.GetString(report.Content);
        Assert.StartsWith("user,arn,user_creation_time,", csv);
        Assert.Contains(user.UserName + "," + user.Arn + ",", csv);
    }

    [SkippableFact]
    public async Task GetAccountSummary_reads_the_summary_map()
    {
        var moto = MotoEnvironment.Plain();
        await MotoSeeder.ForPlain(moto).CreateUserAsync("kw-summary");
        using var iam = moto.CreateIamClient();

        var summary = await iam.GetAccountSummaryAsync(new());

        Assert.True(summary.SummaryMap["Users"] >= 1);
        Assert.Equal(2, summary.SummaryMap["AccessKeysPerUserQuota"]);
    }

    [SkippableFact]
    public async Task Connection_reports_caller_identity_and_the_key_in_use()
    {
        var moto = MotoEnvironment.Plain();
        var user = await MotoSeeder.ForPlain(moto).CreateUserAsync("kw-conn", keys: [KeyState.Active]);
        using var connection = moto.CreateConnection(user.Keys[0].Credentials);

        var identity = await connection.Sts.GetCallerIdentityAsync();

        Assert.Equal("123456789012", identity.Account);
        Assert.Equal("aws", identity.Partition);
        Assert.Equal(user.Keys[0].AccessKeyId, await connection.GetCallerAccessKeyIdAsync());
        Assert.Equal(moto.Url, connection.Settings.IamEndpoint);
    }

    internal static async Task<string> RunAwsCliAsync(MotoServer moto, params string[] args)
    {
        var start = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in moto.ProcessEnvironment())
        {
            if (v == null) start.Environment.Remove(k);
            else start.Environment[k] = v;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"aws {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
