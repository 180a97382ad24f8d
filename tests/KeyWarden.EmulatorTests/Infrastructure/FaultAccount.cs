using KeyWarden.Aws.Iam;

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

    public static FaultAccount Create(MotoServer moto) => new(moto, new FaultProxy(moto.Url, motoAccountId: FaultProxy.NewAccountId()));

    /// <summary>A proxy in front of the same account with these faults and this seed.</summary>
    public FaultProxy Proxy(FaultPlan plan, int seed) => new(Moto.Url, plan, seed, AccountId);

    /// <summary>
    /// Seeds <paramref name="count"/> users, a few at a time, in six shapes by index: no key; one active key;
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
            var user = await Seeder.CreateUserAsync(prefix, keys: keys, cancellationToken: ct);
            if (i % 6 is 3 or 5)
            {
                await Seeder.UseKeyAsync(user.Keys[1], ct);
            }

            if (i % 6 == 5)
            {
                await Seeder.UseKeyAsync(user.Keys[0], ct);
            }

            users[i] = user;
        });
        return users;
    }

    /// <summary>Two active keys per user, the second used: each is one planned step (deactivate the first).</summary>
    public async Task<IReadOnlyList<SeededUser>> SeedForgottenKeysAsync(string prefix, int count, int parallelism = 6)
    {
        var users = new SeededUser[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, ct) =>
        {
            var user = await Seeder.CreateUserAsync(prefix, keys: [KeyState.Active, KeyState.Active], cancellationToken: ct);
            await Seeder.UseKeyAsync(user.Keys[1], ct);
            users[i] = user;
        });
        return users;
    }

    /// <summary>Key id → status of every key of these users, read through the fault-free proxy.</summary>
    public async Task<IReadOnlyDictionary<string, string>> KeyStatusesAsync(IEnumerable<SeededUser> users)
    {
        using var iam = Clean.AsServer().CreateIamClient();
        var statuses = new Dictionary<string, string>();
        foreach (var user in users)
        {
            await foreach (var key in iam.ListAllAccessKeysAsync(user.UserName, CancellationToken.None))
            {
                statuses[key.AccessKeyId] = key.Status;
            }
        }

        return statuses;
    }

    public ValueTask DisposeAsync() => Clean.DisposeAsync();
}
