using Amazon.SecurityToken.Model;
using KeyWarden.Aws.Iam.Model;

namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>
/// The organization fixture does what the organization tests rely on: members reached by AssumeRole see their own
/// IAM only, a closed member is SUSPENDED, and a refused role is refused by the fault proxy.
/// </summary>
public sealed class OrgWorldTests
{
    [SkippableFact]
    public async Task Members_have_their_own_iam_reached_through_assume_role()
    {
        var moto = MotoEnvironment.Plain();
        await using var world = await OrgWorld.CreateAsync(moto);
        var a = await world.CreateMemberAsync("member-a");
        var b = await world.CreateMemberAsync("member-b");
        var userA = await world.SeederFor(a.AccountId).CreateUserAsync("kw-a", keys: [KeyState.Active, KeyState.Active]);
        await world.SeederFor(b.AccountId).CreateUserAsync("kw-b", keys: [KeyState.Active]);

        using var sts = moto.CreateStsClient(world.HubCredentials);
        var hub = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal(world.ManagementAccountId, hub.Account);

        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = $"arn:aws:iam::{a.AccountId}:role/OrganizationAccountAccessRole",
            RoleSessionName = "kw-test",
        });
        var memberCredentials = new MotoCredentials(assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey);
        using var iam = moto.CreateIamClient(memberCredentials, maxErrorRetry: 0);
        var users = await iam.ListUsersAsync(new ListUsersRequest());
        Assert.Contains(users.Users, u => u.UserName == userA.UserName);
        Assert.DoesNotContain(users.Users, u => u.UserName.StartsWith("kw-b", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Refused_role_is_refused_and_other_roles_pass()
    {
        var moto = MotoEnvironment.Plain();
        await using var world = await OrgWorld.CreateAsync(moto);
        var refused = await world.CreateMemberAsync("refused");
        var open = await world.CreateMemberAsync("open");
        await using var proxy = new FaultProxy(moto.Url, new FaultPlan([FaultRule.RefuseAssumeRoleInto(refused.AccountId)]));

        using var sts = proxy.AsServer().CreateStsClient(world.HubCredentials);
        var denied = await Assert.ThrowsAnyAsync<Amazon.Runtime.AmazonServiceException>(() => sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = $"arn:aws:iam::{refused.AccountId}:role/OrganizationAccountAccessRole",
            RoleSessionName = "kw-test",
        }));
        Assert.Equal("AccessDenied", denied.ErrorCode);

        var ok = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = $"arn:aws:iam::{open.AccountId}:role/OrganizationAccountAccessRole",
            RoleSessionName = "kw-test",
        });
        Assert.StartsWith("ASIA", ok.Credentials.AccessKeyId, StringComparison.Ordinal);
    }
}
