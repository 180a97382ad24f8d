using System.Globalization;
using Xunit.Abstractions;

namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>
/// The figures of the fault and kill tests (rates, requests, faults by kind, retries, runs compared,
/// differences, trials): printed to the test output and appended to artifacts/test-results/fault-figures.md
/// under the repository root, so that the closing note quotes measured numbers.
/// </summary>
public static class FaultFigures
{
    private static readonly Lock FileGate = new();

    public static string FilePath { get; } = Path.Combine(RepositoryFiles.Root, "artifacts", "test-results", "fault-figures.md");

    /// <summary>One line per counter set: what the proxy saw and did during one run.</summary>
    public static string Describe(string label, double rate, FaultProxyCounters counters) =>
        string.Create(CultureInfo.InvariantCulture, $"{label}: fault rate {rate:P0}, {counters.Summary()}");

    public static void Record(ITestOutputHelper output, string test, IEnumerable<string> lines)
    {
        var all = lines.ToList();
        foreach (var line in all)
        {
            output.WriteLine(line);
        }

        lock (FileGate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            var block = $"## {test} ({DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ})\n" + string.Concat(all.Select(l => $"- {l}\n")) + "\n";
            File.AppendAllText(FilePath, block);
        }
    }
}
