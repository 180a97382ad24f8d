namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>
/// A private moto account (its own id through <c>x-moto-account-id</c>, on the shared plain instance) reached
/// through a fault-free proxy: seeding and cross-checks go through <see cref="Clean"/>, the runs under test
/// through a <see cref="FaultProxy"/> made by <see cref="ProxyAsync"/> for the same account.
/// </summary>
public sealed class FaultAccount : IAsyncDisposable
{
    private FaultAccount(MotoServer moto, FaultProxy clean)
    {
        Moto = moto;
        Clean = clean;
        Seeder = MotoSeeder.ForPlain(clean.AsServer());
    }

    /// <summary>moto itself (not through any proxy).</summary>
    public MotoServer Moto { get; }

    public FaultProxy Clean { get; }

    public string AccountId => Clean.MotoAccountId!;

    public MotoSeeder Seeder { get; }

    private readonly List<SeededUser> _seeded = [];

    public static FaultAccount Create(MotoServer moto) => new(moto, new FaultProxy(moto.Url, motoAccountId: FaultProxy.NewAccountId()));

    /// <summary>
    /// A proxy in front of the same account with these faults and this seed; the seeded keys' ids (random,
    /// moto's) are replaced by stable aliases in the decisions, so the same seed replays the same faults.
    /// </summary>
    public FaultProxy Proxy(FaultPlan plan, int seed)
    {
        var proxy = new FaultProxy(Moto.Url, plan, seed, AccountId);
        proxy.AddKeyAliases(_seeded);
        return proxy;
    }

    /// <summary>
    /// Seeds <paramref name="count"/> users, a few at a time, named <c>prefix-0000</c>… (unique within the private account), in six shapes by index: no key; one active key;
    /// active + inactive; two active with the second used (a forgotten key); two active, neither used (needs
    /// review); two active, both used.
    /// </summary>
    public async Task<IReadOnlyList<SeededUser>> SeedMixAsync(string prefix, int count, int parallelism = 6)
    {
        var users = new SeededUser[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, ct) =>
        {
            IReadOnlyList<KeyState> keys = (i % 6) switch
            {
                0 => [],
                1 => [KeyState.Active],
                2 => [KeyState.Active, KeyState.Inactive],
                _ => [KeyState.Active, KeyState.Active],
            };
            var user = await Seeder.CreateNamedUserAsync($"{prefix}-{i:D4}", keys, ct);
            if (i % 6 is 3 or 5)
            {
                await UseKeyAsync(user.Keys[1], ct);
            }

            if (i % 6 == 5)
            {
                await UseKeyAsync(user.Keys[0], ct);
            }

            users[i] = user;
        });
        _seeded.AddRange(users);
        return users;
    }

    /// <summary>Two active keys per user, the second used: each is one planned step (deactivate the first).</summary>
    public async Task<IReadOnlyList<SeededUser>> SeedForgottenKeysAsync(string prefix, int count, int parallelism = 6)
    {
        var users = new SeededUser[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, ct) =>
        {
            var user = await Seeder.CreateNamedUserAsync($"{prefix}-{i:D4}", [KeyState.Active, KeyState.Active], ct);
            await UseKeyAsync(user.Keys[1], ct);
            users[i] = user;
        });
        _seeded.AddRange(users);
        return users;
    }

    /// <summary>
    /// Records a use of the key. moto's STS finds a key's account by walking every account, and answers 500
    /// when another test creates an account meanwhile: a few more tries (a use recorded twice is one use).
    /// </summary>
    private async Task UseKeyAsync(SeededKey key, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Seeder.UseKeyAsync(key, ct);
                return;
            }
            catch (Amazon.Runtime.AmazonServiceException e) when ((int)e.StatusCode >= 500 && attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
            }
        }
    }

    /// <summary>
    /// Key id → status of every key of these users, read with the raw Query client (not the product's
    /// parser) through the fault-free proxy.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> KeyStatusesAsync(IEnumerable<SeededUser> users)
    {
        using var raw = Clean.AsServer().CreateRawIamClient();
        var statuses = new Dictionary<string, string>();
        foreach (var user in users)
        {
            var doc = await raw.SendAsync("ListAccessKeys", new Dictionary<string, string> { ["UserName"] = user.UserName });
            foreach (var member in doc.Descendants().Where(e => e.Name.LocalName == "member"))
            {
                var field = (string name) => member.Elements().Single(e => e.Name.LocalName == name).Value;
                statuses[field("AccessKeyId")] = field("Status");
            }
        }

        return statuses;
    }

    public ValueTask DisposeAsync() => Clean.DisposeAsync();
}
