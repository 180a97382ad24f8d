using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>
/// A private AWS Organization on a shared moto instance: a management account with a fresh random id (so tests and
/// runs never see each other's organization), the hub user whose keys a <c>keywarden --org</c> run signs with, and
/// member accounts created through Organizations' CreateAccount (each with its own IAM, reached through
/// <see cref="SeederFor"/>). moto routes a request to an account by the access key that signs it, so the hub keys
/// land in the management account and AssumeRole credentials in the role's account, as on AWS.
/// </summary>
public sealed class OrgWorld : IAsyncDisposable
{
    private const string Target = "AWSOrganizationsV20161128.";
    private readonly MotoServer _moto;
    private readonly List<OrgMember> _members = [];
    private readonly Dictionary<string, FaultProxy> _seedingProxies;

    private OrgWorld(MotoServer moto, string managementAccountId, SeededUser hub, string rootId, Dictionary<string, FaultProxy> seedingProxies)
    {
        _moto = moto;
        _seedingProxies = seedingProxies;
        ManagementAccountId = managementAccountId;
        Hub = hub;
        RootId = rootId;
    }

    public string ManagementAccountId { get; }

    /// <summary>An IAM user of the management account with one active key and an allow-all policy.</summary>
    public SeededUser Hub { get; }

    public MotoCredentials HubCredentials => Hub.Keys[0].Credentials;

    /// <summary>The organization's root (r-…), the parent of every account and top-level OU.</summary>
    public string RootId { get; }

    public IReadOnlyList<OrgMember> Members => _members;

    /// <summary>A new organization whose management account holds the hub user.</summary>
    public static async Task<OrgWorld> CreateAsync(MotoServer moto, CancellationToken cancellationToken = default)
    {
        var management = FaultProxy.NewAccountId();
        var proxies = new Dictionary<string, FaultProxy>();
        var hub = await SeederFor(moto, proxies, management).CreateUserAsync("kw-hub", MotoSeeder.AllowAllPolicy, [KeyState.Active], cancellationToken: cancellationToken);
        await CallAsync(moto, management, "CreateOrganization", new JsonObject { ["FeatureSet"] = "ALL" }, cancellationToken);
        var roots = await CallAsync(moto, management, "ListRoots", new JsonObject(), cancellationToken);
        var rootId = roots["Roots"]![0]!["Id"]!.GetValue<string>();
        return new OrgWorld(moto, management, hub, rootId, proxies);
    }

    /// <summary>A member account created through the organization (moto gives it an OrganizationAccountAccessRole).</summary>
    public async Task<OrgMember> CreateMemberAsync(string name, CancellationToken cancellationToken = default)
    {
        var created = await CallAsync(_moto, ManagementAccountId, "CreateAccount",
            new JsonObject { ["AccountName"] = name, ["Email"] = $"{Guid.NewGuid():N}@example.com" }, cancellationToken);
        var id = created["CreateAccountStatus"]!["AccountId"]!.GetValue<string>();
        var member = new OrgMember(id, name);
        _members.Add(member);
        return member;
    }

    /// <summary>Closes a member: moto moves it straight to SUSPENDED.</summary>
    public Task CloseMemberAsync(OrgMember member, CancellationToken cancellationToken = default) =>
        CallAsync(_moto, ManagementAccountId, "CloseAccount", new JsonObject { ["AccountId"] = member.AccountId }, cancellationToken);

    /// <summary>A new OU under <paramref name="parentId"/>; its id.</summary>
    public async Task<string> CreateOrganizationalUnitAsync(string parentId, string name, CancellationToken cancellationToken = default)
    {
        var created = await CallAsync(_moto, ManagementAccountId, "CreateOrganizationalUnit",
            new JsonObject { ["ParentId"] = parentId, ["Name"] = name }, cancellationToken);
        return created["OrganizationalUnit"]!["Id"]!.GetValue<string>();
    }

    public Task MoveAccountAsync(OrgMember member, string fromParentId, string toParentId, CancellationToken cancellationToken = default) =>
        CallAsync(_moto, ManagementAccountId, "MoveAccount",
            new JsonObject { ["AccountId"] = member.AccountId, ["SourceParentId"] = fromParentId, ["DestinationParentId"] = toParentId }, cancellationToken);

    /// <summary>Seeds IAM users and keys in <paramref name="accountId"/>'s own IAM.</summary>
    public MotoSeeder SeederFor(string accountId) => SeederFor(_moto, _seedingProxies, accountId);

    // A proxy that adds x-moto-account-id: requests signed with any key then reach that account's IAM.
    private static MotoSeeder SeederFor(MotoServer moto, Dictionary<string, FaultProxy> proxies, string accountId)
    {
        lock (proxies)
        {
            if (!proxies.TryGetValue(accountId, out var proxy))
            {
                proxies[accountId] = proxy = new FaultProxy(moto.Url, motoAccountId: accountId);
            }

            return MotoSeeder.ForPlain(proxy.AsServer());
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var proxy in _seedingProxies.Values)
        {
            await proxy.DisposeAsync();
        }
    }

    /// <summary>One Organizations call as the management account (JSON 1.1; moto needs no valid signature with auth off).</summary>
    private static async Task<JsonNode> CallAsync(MotoServer moto, string accountId, string operation, JsonObject body, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, moto.Url + "/")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Content.Headers.ContentType!.CharSet = null;
        request.Headers.TryAddWithoutValidation("X-Amz-Target", Target + operation);
        request.Headers.TryAddWithoutValidation("x-moto-account-id", accountId);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={MotoCredentials.Anonymous.AccessKeyId}/20260101/us-east-1/organizations/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Organizations {operation} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text.Length == 0 ? "{}" : text) ?? new JsonObject();
    }
}

/// <summary>A member account of an <see cref="OrgWorld"/>.</summary>
public sealed record OrgMember(string AccountId, string Name);
