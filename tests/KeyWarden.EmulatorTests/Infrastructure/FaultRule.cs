namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>
/// Faults <paramref name="Rate"/> (0..1) of the requests whose action is in <paramref name="Actions"/> (null: every
/// action), each with one of <paramref name="Kinds"/>; <paramref name="Delay"/> is how long a <see cref="FaultKind.Delay"/> waits.
/// </summary>
public sealed record FaultRule(IReadOnlySet<string>? Actions, double Rate, IReadOnlyList<FaultKind> Kinds, TimeSpan Delay = default)
{
    public bool Matches(string action) => Actions is null || Actions.Contains(action);
}
