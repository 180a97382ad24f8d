namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>
/// What a remediation test through the CLI starts from: the auth-on moto, a seeder, a tag that keeps this test's
/// users apart from every other test's, and a remediator user holding exactly the documented remediation policy.
/// </summary>
public sealed record RemediationWorld(MotoAuthServer Moto, MotoSeeder Seeder, string Tag, MotoCredentials Remediator)
{
    public static async Task<RemediationWorld> CreateAsync(string tagPrefix)
    {
        var moto = await MotoEnvironment.AuthAsync();
        var seeder = moto.Seeder();
        var remediator = await seeder.CreateUserAsync("rem", policyDocument: RepositoryFiles.RemediationPolicy(), keys: [KeyState.Active]);
        return new RemediationWorld(moto, seeder, tagPrefix + Guid.NewGuid().ToString("N")[..8], remediator.Keys[0].Credentials);
    }
}
