namespace KeyWarden.Tests;

/// <summary>A clock stopped at one instant, so tests never depend on today's date.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
