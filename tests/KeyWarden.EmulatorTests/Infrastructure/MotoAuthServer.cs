namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>
/// The moto instance with auth on. Bootstrapped once per test process: with auth still off, an admin user with an
/// inline <c>*</c> policy and its key are created; then auth is switched on. Seed through <see cref="Admin"/>.
/// </summary>
public sealed class MotoAuthServer : MotoServer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, MotoAuthServer> Bootstrapped = new();

    private MotoAuthServer(string url, MotoCredentials admin) : base(url) => Admin = admin;

    /// <summary>Keys of a user allowed everything.</summary>
    public MotoCredentials Admin { get; }

    /// <summary>A seeder acting with the admin key.</summary>
    public MotoSeeder Seeder() => new(this, Admin);

    public static async Task<MotoAuthServer> GetAsync(string url)
    {
        await Gate.WaitAsync();
        try
        {
            if (Bootstrapped.TryGetValue(url, out var existing)) return existing;
            var server = new MotoServer(url);
            // Auth may be on from an earlier test run against the same instance: switch it off to bootstrap.
            await server.SetAuthAsync(enabled: false);
            var seeder = new MotoSeeder(server, MotoCredentials.Anonymous);
            var admin = await seeder.CreateUserAsync("kw-admin", policyDocument: MotoSeeder.AllowAllPolicy, keys: [KeyState.Active]);
            await server.SetAuthAsync(enabled: true);
            var ready = new MotoAuthServer(url, admin.Keys[0].Credentials);
            Bootstrapped[url] = ready;
            return ready;
        }
        finally
        {
            Gate.Release();
        }
    }
}
