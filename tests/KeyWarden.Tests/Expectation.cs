namespace KeyWarden.Tests;

/// <summary>
/// Compares rendered output with a file under tests/KeyWarden.Tests/Expected. Set KEYWARDEN_UPDATE_EXPECTED=1
/// to rewrite the source copies after an intended change; then review the diff like any other change.
/// </summary>
internal static class Expectation
{
    public static void Matches(string name, string actual)
    {
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("KEYWARDEN_UPDATE_EXPECTED") == "1")
        {
            var source = Path.Combine(SourceDirectory(), "Expected", name);
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            File.WriteAllText(source, actual);
            return;
        }

        var path = TestData.ExpectedPath(name);
        Assert.True(File.Exists(path), $"missing expectation file Expected/{name}; run with KEYWARDEN_UPDATE_EXPECTED=1 to create it");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal(expected, actual);
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
