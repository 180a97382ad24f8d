using KeyWarden.Aws.Iam.Model;

namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>
/// Creates uniquely named users and keys in moto (so tests never see each other's data) and "uses" keys so
/// moto records last-used data. All calls are signed with <paramref name="actor"/>.
/// </summary>
public sealed class MotoSeeder(MotoServer server, MotoCredentials actor)
{
    public const string AllowAllPolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    /// <summary>A seeder for a plain (auth off) instance.</summary>
    public static MotoSeeder ForPlain(MotoServer server) => new(server, MotoCredentials.Anonymous);

    /// <summary>A unique IAM user name: prefix, dash, 12 hex digits (IAM allows 64 characters).</summary>
    public static string UniqueName(string prefix = "kw") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(64, prefix.Length + 13)];

    /// <summary>Creates a user with one key per entry of <paramref name="keys"/> (IAM allows two), optionally with an inline policy.</summary>
    public async Task<SeededUser> CreateUserAsync(string prefix = "kw", string? policyDocument = null, IReadOnlyList<KeyState>? keys = null, string path = "/", CancellationToken cancellationToken = default)
    {
        using var raw = server.CreateRawIamClient(actor);
        var name = UniqueName(prefix);
        var created = await raw.SendAsync("CreateUser", new Dictionary<string, string> { ["UserName"] = name, ["Path"] = path }, cancellationToken);
        if (policyDocument != null)
            await raw.SendAsync("PutUserPolicy", new Dictionary<string, string> { ["UserName"] = name, ["PolicyName"] = "inline", ["PolicyDocument"] = policyDocument }, cancellationToken);

        var seeded = new List<SeededKey>();
        foreach (var state in keys ?? [])
            seeded.Add(await CreateKeyAsync(name, state, cancellationToken));
        return new SeededUser(name, created.Text("Arn"), seeded);
    }

    /// <summary>
    /// Creates a user with exactly this name (for a private account, where names need not be unique across
    /// tests and stable names make fault decisions replayable), with one key per entry of <paramref name="keys"/>.
    /// </summary>
    public async Task<SeededUser> CreateNamedUserAsync(string name, IReadOnlyList<KeyState>? keys = null, CancellationToken cancellationToken = default)
    {
        using var raw = server.CreateRawIamClient(actor);
        var created = await raw.SendAsync("CreateUser", new Dictionary<string, string> { ["UserName"] = name, ["Path"] = "/" }, cancellationToken);
        var seeded = new List<SeededKey>();
        foreach (var state in keys ?? [])
            seeded.Add(await CreateKeyAsync(name, state, cancellationToken));
        return new SeededUser(name, created.Text("Arn"), seeded);
    }

    public async Task<SeededKey> CreateKeyAsync(string userName, KeyState state = KeyState.Active, CancellationToken cancellationToken = default)
    {
        using var raw = server.CreateRawIamClient(actor);
        var doc = await raw.SendAsync("CreateAccessKey", new Dictionary<string, string> { ["UserName"] = userName }, cancellationToken);
        var key = new SeededKey(userName, new MotoCredentials(doc.Text("AccessKeyId"), doc.Text("SecretAccessKey")), state);
        if (state == KeyState.Inactive)
        {
            using var iam = server.CreateIamClient(actor);
            await iam.UpdateAccessKeyAsync(new UpdateAccessKeyRequest { UserName = userName, AccessKeyId = key.AccessKeyId, Status = AccessKeyStatus.Inactive }, cancellationToken);
        }
        return key;
    }

    /// <summary>Attaches an inline policy (JSON) to an existing user.</summary>
    public async Task PutUserPolicyAsync(string userName, string policyDocument, CancellationToken cancellationToken = default)
    {
        using var raw = server.CreateRawIamClient(actor);
        await raw.SendAsync("PutUserPolicy", new Dictionary<string, string> { ["UserName"] = userName, ["PolicyName"] = "inline", ["PolicyDocument"] = policyDocument }, cancellationToken);
    }

    /// <summary>Sends a request signed with <paramref name="key"/> (STS GetCallerIdentity) so moto records its last use.</summary>
    public async Task UseKeyAsync(SeededKey key, CancellationToken cancellationToken = default)
    {
        using var sts = server.CreateStsClient(key.Credentials);
        await sts.GetCallerIdentityAsync(new Amazon.SecurityToken.Model.GetCallerIdentityRequest(), cancellationToken);
    }

}
