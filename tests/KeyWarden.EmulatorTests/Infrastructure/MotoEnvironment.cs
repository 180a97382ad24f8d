namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>
/// Where the emulator runs. Tests are skipped when the variable is unset, but fail when <c>CI=true</c>.
/// Start instances with <c>scripts/moto.sh start plain</c> / <c>scripts/moto.sh start auth</c>.
/// </summary>
public static class MotoEnvironment
{
    /// <summary>A moto instance with auth off (any key works).</summary>
    public const string PlainUrlVariable = "KEYWARDEN_MOTO_URL";

    /// <summary>A second moto instance whose auth the tests switch on (SigV4 verified, policies evaluated).</summary>
    public const string AuthUrlVariable = "KEYWARDEN_MOTO_AUTH_URL";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The plain instance, or skip (fail under CI).</summary>
    public static MotoServer Plain() => new(RequireUrl(PlainUrlVariable));

    /// <summary>The auth instance, bootstrapped once per process (admin user, then auth on), or skip (fail under CI).</summary>
    public static Task<MotoAuthServer> AuthAsync() => MotoAuthServer.GetAsync(RequireUrl(AuthUrlVariable));

    public static string RequireUrl(string variable)
    {
        var url = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(url)) return url.Trim().TrimEnd('/');
        var hint = $"{variable} is not set; start moto with `scripts/moto.sh start` and export {variable}=<printed URL>";
        if (IsCi) throw new InvalidOperationException(hint + " (CI=true: emulator tests must not be skipped)");
        throw new SkipException(hint);
    }
}
