using CsCheck;
using KeyWarden.Common;

namespace KeyWarden.Tests.Properties;

/// <summary>
/// Runs a property over a fixed number of generated cases from a fixed seed, on one thread, so a run is the same
/// every time (CsCheck's own Sample reseeds after the first case). A failure names the case, the seed and the input.
/// KEYWARDEN_PROPERTY_SEED=n explores other inputs (the seed is mixed with n); a run without it is always the same.
/// </summary>
internal static class DeterministicProperty
{
    public static void Check<T>(Gen<T> gen, Action<T> property, int cases, ulong seed, Func<T, string>? print = null)
    {
        if (ulong.TryParse(Environment.GetEnvironmentVariable("KEYWARDEN_PROPERTY_SEED"), out var explore))
        {
            seed ^= explore * 0x9E3779B97F4A7C15UL;
        }

        var pcg = new PCG(1, seed);
        for (var i = 0; i < cases; i++)
        {
            var input = gen.Generate(pcg, null, out _);
            try
            {
                property(input);
            }
            catch (Exception e)
            {
                var shown = print?.Invoke(input) ?? input?.ToString() ?? "null";
                shown = TerminalText.Escape(shown.Length <= 2000 ? shown : shown[..2000] + $"… ({shown.Length} chars)");
                throw new InvalidOperationException($"property failed on case {i} of {cases} (seed {seed}): {e.GetType().Name}: {e.Message}\ninput: {shown}", e);
            }
        }
    }
}
