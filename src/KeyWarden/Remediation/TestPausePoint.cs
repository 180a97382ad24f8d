namespace KeyWarden.Remediation;

/// <summary>
/// A test-only hook for the crash tests: when KEYWARDEN_TEST_PAUSE_AT names a point (e.g. "after-intent:2",
/// "after-update:1", "before-step:2"), the process says so on stderr and stops there, so that a test can kill
/// it with SIGKILL at exactly that instant. With KEYWARDEN_TEST_PAUSE_SECONDS the pause ends after that long,
/// so a test can send Ctrl-C (SIGINT) mid-step and watch the step finish. Unset (always, outside tests), it does nothing.
/// </summary>
internal static class TestPausePoint
{
    public const string Variable = "KEYWARDEN_TEST_PAUSE_AT";

    private static readonly string? Target = Environment.GetEnvironmentVariable(Variable);

    private static readonly int? Seconds = int.TryParse(Environment.GetEnvironmentVariable("KEYWARDEN_TEST_PAUSE_SECONDS"), out var s) ? s : null;

    public static void Reach(string point, string stepId)
    {
        if (Target is null || Target != $"{point}:{stepId}")
        {
            return;
        }

        Console.Error.WriteLine($"keywarden: test pause at {point}:{stepId}");
        Console.Error.Flush();
        Thread.Sleep(Seconds is { } seconds ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan);
    }
}
