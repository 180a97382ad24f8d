using System.Diagnostics;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using Amazon.Runtime;
using KeyWarden.Aws;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.Aws.Organizations;
using KeyWarden.Aws.Organizations.Model;
using KeyWarden.EmulatorTests.Infrastructure;

namespace KeyWarden.EmulatorTests.Aws;

/// <summary>
/// The Organizations client, its paginators and AssumeRole sessions against moto. An organization is global state of
/// a moto process, so each test starts a moto of its own on a free port (and stops it), seeded through boto3: an
/// organization with 25 created members, an OU tree, a closed member, and IAM users in two members. Skipped like every
/// emulator test when KEYWARDEN_MOTO_URL is unset (failed under CI).
/// </summary>
public sealed class OrganizationsEmulatorTests : IAsyncLifetime
{
    private const string Management = "123456789012"; // moto's default account: the one unknown (hub) keys land in
    private const string HubKey = "AKIAKWORGHUB00000001";

    private const string SeedScript = """
        import json, os, boto3
        url = os.environ["AWS_ENDPOINT_URL"]
        def client(name, creds=None):
            kw = {} if creds is None else dict(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"])
            return boto3.client(name, endpoint_url=url, region_name="us-east-1", **kw)
        org = client("organizations")
        org.create_organization(FeatureSet="ALL")
        members = []
        for i in range(25):
            status = org.create_account(AccountName=f"kw-member-{i:02d}", Email=f"kw-member-{i:02d}@example.com")["CreateAccountStatus"]
            members.append(status["AccountId"])
        root = org.list_roots()["Roots"][0]["Id"]
        prod = org.create_organizational_unit(ParentId=root, Name="kw-prod")["OrganizationalUnit"]["Id"]
        eu = org.create_organizational_unit(ParentId=prod, Name="kw-prod-eu")["OrganizationalUnit"]["Id"]
        for a in members[0:3]: org.move_account(AccountId=a, SourceParentId=root, DestinationParentId=prod)
        for a in members[3:5]: org.move_account(AccountId=a, SourceParentId=root, DestinationParentId=eu)
        org.close_account(AccountId=members[24])
        client("iam").create_user(UserName="kw-org-hub-user")
        users = {}
        for a in members[0:2]:
            creds = client("sts").assume_role(RoleArn=f"arn:aws:iam::{a}:role/OrganizationAccountAccessRole", RoleSessionName="seed")["Credentials"]
            names = [f"kw-org-{a}-{n}" for n in ("alice", "bob")]
            for name in names: client("iam", creds).create_user(UserName=name)
            users[a] = names
        print(json.dumps({"members": members, "root": root, "prod": prod, "eu": eu, "closed": members[24], "users": users}))
        """;

    private Process? moto;
    private string url = "";

    public async Task InitializeAsync()
    {
        // The shared emulator variable decides whether emulator tests run at all; the organization gets its own moto.
        MotoEnvironment.RequireUrl(MotoEnvironment.PlainUrlVariable);
        var port = FreePort();
        url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        moto = Process.Start(start) ?? throw new InvalidOperationException("python3 -m moto.server did not start");
        moto.OutputDataReceived += (_, _) => { };
        moto.ErrorDataReceived += (_, _) => { };
        moto.BeginOutputReadLine();
        moto.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(url + "/moto-api/");
                if (response.IsSuccessStatusCode) break;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && attempt < 100)
            {
            }

            if (moto.HasExited) throw new InvalidOperationException($"moto on port {port} exited with {moto.ExitCode}");
            await Task.Delay(200);
        }
    }

    public Task DisposeAsync()
    {
        if (moto is { HasExited: false }) moto.Kill(entireProcessTree: true);
        moto?.WaitForExit(5000);
        moto?.Dispose();
        return Task.CompletedTask;
    }

    [SkippableFact]
    public async Task ListAllAccounts_returns_the_management_account_and_all_25_members_with_their_state()
    {
        var seed = await SeedAsync();
        using var hub = Hub();

        var accounts = new List<Account>();
        await foreach (var account in OrganizationsPaginators.ListAllAccountsAsync(hub.Organizations)) accounts.Add(account);

        // 26 accounts at 20 a page (AWS's cap, which moto honours when asked): the paginator followed the NextToken.
        Assert.Equal(26, accounts.Count);
        Assert.Equal(seed.Members.Append(Management).Order(StringComparer.Ordinal), accounts.Select(a => a.Id!).Order(StringComparer.Ordinal));
        Assert.Equal(accounts.Count, accounts.Select(a => a.Id).Distinct().Count());
        Assert.Equal(AccountState.Suspended, accounts.Single(a => a.Id == seed.Closed).State);
        Assert.All(accounts.Where(a => a.Id != seed.Closed), a => Assert.Equal(AccountState.Active, a.State));
        var member = accounts.Single(a => a.Id == seed.Members[7]);
        Assert.Equal(("kw-member-07", "kw-member-07@example.com", "CREATED"), (member.Name, member.Email, member.JoinedMethod));
        Assert.StartsWith("arn:aws:organizations::" + Management + ":account/o-", member.Arn);
        Assert.InRange(member.JoinedTimestamp!.Value, DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddMinutes(5));

        var organization = (await hub.Organizations.DescribeOrganizationAsync(new DescribeOrganizationRequest())).Organization!;
        Assert.Equal((Management, "ALL"), (organization.MasterAccountId, organization.FeatureSet));
    }

    [SkippableFact]
    public async Task ListAllAccountsUnder_an_ou_walks_its_child_ous_and_the_root_covers_everyone()
    {
        var seed = await SeedAsync();
        using var hub = Hub();

        Assert.Equal(seed.Members[0..5].Order(StringComparer.Ordinal), (await Ids(hub.Organizations, seed.Prod)).Order(StringComparer.Ordinal));
        Assert.Equal(seed.Members[3..5].Order(StringComparer.Ordinal), (await Ids(hub.Organizations, seed.Eu)).Order(StringComparer.Ordinal));
        var everyone = await Ids(hub.Organizations, seed.Root);
        Assert.Equal(26, everyone.Count);
        Assert.Equal(everyone.Count, everyone.Distinct().Count());

        await Assert.ThrowsAsync<ParentNotFoundException>(() =>
            hub.Organizations.ListAccountsForParentAsync(new ListAccountsForParentRequest { ParentId = "ou-zzzz-zzzzzzzz" }));
    }

    [SkippableFact]
    public async Task AssumeRole_into_a_member_gives_a_connection_that_sees_only_that_members_users()
    {
        var seed = await SeedAsync();
        var memberId = seed.Members[0];
        using var hub = Hub();

        using var member = await hub.AssumeRoleAsync(new AssumeRoleOptions($"arn:aws:iam::{memberId}:role/OrganizationAccountAccessRole", "keywarden"));

        var identity = await member.Sts.GetCallerIdentityAsync();
        Assert.Equal(memberId, identity.Account);
        Assert.Equal($"arn:aws:sts::{memberId}:assumed-role/OrganizationAccountAccessRole/keywarden", identity.Arn);

        var memberUsers = (await member.Iam.ListUsersAsync(new ListUsersRequest())).Users.Select(u => u.UserName).Order(StringComparer.Ordinal);
        Assert.Equal(seed.Users[memberId].Order(StringComparer.Ordinal), memberUsers);
        var hubUsers = (await hub.Iam.ListUsersAsync(new ListUsersRequest())).Users.Select(u => u.UserName).ToList();
        Assert.Contains("kw-org-hub-user", hubUsers);
        Assert.DoesNotContain(hubUsers, n => n.StartsWith("kw-org-" + memberId, StringComparison.Ordinal));

        var keys = await member.GetCallerAccessKeyIdsAsync();
        Assert.Equal(2, keys.Count);
        Assert.StartsWith("ASIA", keys[0], StringComparison.Ordinal);
        Assert.Equal(HubKey, keys[1]);

        // Another member's session sees that member's users, not the first's.
        var otherId = seed.Members[1];
        using var other = await hub.AssumeRoleAsync(new AssumeRoleOptions($"arn:aws:iam::{otherId}:role/OrganizationAccountAccessRole", "keywarden"));
        var otherUsers = (await other.Iam.ListUsersAsync(new ListUsersRequest())).Users.Select(u => u.UserName).Order(StringComparer.Ordinal);
        Assert.Equal(seed.Users[otherId].Order(StringComparer.Ordinal), otherUsers);
    }

    private AwsConnection Hub() =>
        AwsConnectionFactory.Create(new AwsConnectionOptions(EndpointUrl: url, Region: MotoServer.Region), _ => null, new BasicAWSCredentials(HubKey, "kw-org-hub-secret-000000000000000000000"));

    private static async Task<List<string>> Ids(IOrganizationsClient client, string parentId)
    {
        var ids = new List<string>();
        await foreach (var account in OrganizationsPaginators.ListAllAccountsUnderAsync(client, parentId)) ids.Add(account.Id!);
        return ids;
    }

    private sealed record Seed(string[] Members, string Root, string Prod, string Eu, string Closed, Dictionary<string, string[]> Users);

    private async Task<Seed> SeedAsync()
    {
        var start = new ProcessStartInfo("python3", ["-c", SeedScript])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in new Dictionary<string, string?>
                 {
                     ["AWS_ENDPOINT_URL"] = url, ["AWS_ACCESS_KEY_ID"] = HubKey, ["AWS_SECRET_ACCESS_KEY"] = "kw-org-seed-secret",
                     ["AWS_SESSION_TOKEN"] = null, ["AWS_PROFILE"] = null, ["AWS_CONFIG_FILE"] = "/dev/null",
                     ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null", ["AWS_EC2_METADATA_DISABLED"] = "true",
                 })
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, "seeding the organization failed: " + await stderr);
        var seed = JsonSerializer.Deserialize<Seed>(await stdout, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        Assert.Equal(25, seed.Members.Length);
        return seed;
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(System.Net.IPAddress.Loopback, 0);
        socket.Start();
        return ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
    }
}
