using KeyWarden.Aws;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.EmulatorTests.Infrastructure;

namespace KeyWarden.EmulatorTests.Aws;

/// <summary>Against moto with auth on: signatures verified, unknown keys rejected, policies evaluated.</summary>
public sealed class IamAuthEmulatorTests
{
    [SkippableFact]
    public async Task Read_only_policy_from_the_docs_allows_every_audit_call()
    {
        var moto = await MotoEnvironment.AuthAsync();
        var seeder = moto.Seeder();
        var target = await seeder.CreateUserAsync("kw-target", keys: [KeyState.Active, KeyState.Active]);
        var auditor = await seeder.CreateUserAsync("kw-auditor", policyDocument: RepositoryFiles.ReadOnlyPolicy(), keys: [KeyState.Active]);
        using var iam = moto.CreateIamClient(auditor.Keys[0].Credentials);

        var users = await iam.ListUsersAsync(new ListUsersRequest());
        var keys = await iam.ListAccessKeysAsync(new ListAccessKeysRequest { UserName = target.UserName });
        var lastUsed = await iam.GetAccessKeyLastUsedAsync(new GetAccessKeyLastUsedRequest { AccessKeyId = target.Keys[0].AccessKeyId });
        await iam.GenerateCredentialReportAsync(new());
        var report = await iam.GetCredentialReportAsync(new());
        var summary = await iam.GetAccountSummaryAsync(new());

        Assert.Contains(users.Users, u => u.UserName == target.UserName);
        Assert.Equal(2, keys.AccessKeyMetadata.Count);
        Assert.Equal(target.UserName, lastUsed.UserName);
        Assert.NotEmpty(report.Content);
        Assert.True(summary.SummaryMap.ContainsKey("Users"));
    }

    [SkippableFact]
    public async Task Read_only_user_cannot_deactivate_keys()
    {
        var moto = await MotoEnvironment.AuthAsync();
        var seeder = moto.Seeder();
        var target = await seeder.CreateUserAsync("kw-target", keys: [KeyState.Active]);
        var auditor = await seeder.CreateUserAsync("kw-auditor", policyDocument: RepositoryFiles.ReadOnlyPolicy(), keys: [KeyState.Active]);
        using var iam = moto.CreateIamClient(auditor.Keys[0].Credentials);

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => iam.UpdateAccessKeyAsync(
            new UpdateAccessKeyRequest { UserName = target.UserName, AccessKeyId = target.Keys[0].AccessKeyId, Status = AccessKeyStatus.Inactive }));

        Assert.Contains("iam:UpdateAccessKey", ex.Message);
        var failure = AwsErrorDescriber.Describe(ex)!;
        Assert.Equal(AwsFailureKind.AccessDenied, failure.Kind);
        Assert.DoesNotContain('\n', failure.OneLineMessage);
    }

    [SkippableFact]
    public async Task Remediation_policy_from_the_docs_allows_deactivation()
    {
        var moto = await MotoEnvironment.AuthAsync();
        var seeder = moto.Seeder();
        var target = await seeder.CreateUserAsync("kw-target", keys: [KeyState.Active, KeyState.Active]);
        var remediator = await seeder.CreateUserAsync("kw-remediator", policyDocument: RepositoryFiles.RemediationPolicy(), keys: [KeyState.Active]);
        using var iam = moto.CreateIamClient(remediator.Keys[0].Credentials);

        await iam.UpdateAccessKeyAsync(new UpdateAccessKeyRequest { UserName = target.UserName, AccessKeyId = target.Keys[1].AccessKeyId, Status = AccessKeyStatus.Inactive });

        var keys = await iam.ListAccessKeysAsync(new ListAccessKeysRequest { UserName = target.UserName });
        Assert.Equal("Inactive", keys.AccessKeyMetadata.Single(k => k.AccessKeyId == target.Keys[1].AccessKeyId).Status);
    }

    [SkippableFact]
    public async Task User_without_any_policy_is_AccessDenied()
    {
        var moto = await MotoEnvironment.AuthAsync();
        var nobody = await moto.Seeder().CreateUserAsync("kw-nopolicy", keys: [KeyState.Active]);
        using var iam = moto.CreateIamClient(nobody.Keys[0].Credentials);

        await Assert.ThrowsAsync<AccessDeniedException>(() => iam.ListUsersAsync(new ListUsersRequest()));
    }

    [SkippableFact]
    public async Task Wrong_secret_is_SignatureDoesNotMatch()
    {
        var moto = await MotoEnvironment.AuthAsync();
        var user = await moto.Seeder().CreateUserAsync("kw-badsecret", policyDocument: RepositoryFiles.ReadOnlyPolicy(), keys: [KeyState.Active]);
        using var iam = moto.CreateIamClient(user.Keys[0].Credentials with { SecretAccessKey = "not-the-secret" });

        var ex = await Assert.ThrowsAsync<SignatureDoesNotMatchException>(() => iam.ListUsersAsync(new ListUsersRequest()));

        var failure = AwsErrorDescriber.Describe(ex)!;
        Assert.Equal(AwsFailureKind.Signature, failure.Kind);
        Assert.DoesNotContain("not-the-secret", failure.OneLineMessage);
    }

    [SkippableFact]
    public async Task Unknown_key_is_InvalidClientTokenId()
    {
        var moto = await MotoEnvironment.AuthAsync();
        using var iam = moto.CreateIamClient(new MotoCredentials("AKIAUNKNOWNKEY000000", "whatever"));

        var ex = await Assert.ThrowsAsync<InvalidClientTokenIdException>(() => iam.ListUsersAsync(new ListUsersRequest()));

        Assert.Equal(AwsFailureKind.InvalidClientToken, AwsErrorDescriber.Describe(ex)!.Kind);
    }

    [SkippableFact]
    public async Task Caller_identity_needs_no_permission()
    {
        var moto = await MotoEnvironment.AuthAsync();
        var nobody = await moto.Seeder().CreateUserAsync("kw-whoami", keys: [KeyState.Active]);
        using var connection = moto.CreateConnection(nobody.Keys[0].Credentials);

        var identity = await connection.Sts.GetCallerIdentityAsync();

        Assert.Equal(nobody.Arn, identity.Arn);
    }
}
