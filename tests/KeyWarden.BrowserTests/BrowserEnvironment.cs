namespace KeyWarden.BrowserTests;

/// <summary>
/// Where Debian's Chromium is, and whether a missing one skips or fails: locally a missing browser skips the
/// test; under CI (CI=true) it fails, because scripts/test.sh installs chromium and a silent skip would hide that.
/// </summary>
internal static class BrowserEnvironment
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void RequireChromium()
    {
        if (File.Exists(ChromiumPath))
        {
            return;
        }

        if (IsCi)
        {
            Assert.Fail($"{ChromiumPath} is missing under CI=true: scripts/test.sh should have installed the chromium package");
        }

        Skip.If(true, $"{ChromiumPath} is missing (apt-get install chromium); the test fails instead of skipping when CI=true");
    }

    /// <summary>The repository root (where KeyWarden.slnx is), for artifacts/.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KeyWarden.slnx")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
