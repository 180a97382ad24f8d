namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>Which requests <see cref="FaultProxy"/> faults: the first rule whose actions match a request decides it.</summary>
public sealed record FaultPlan(IReadOnlyList<FaultRule> Rules)
{
    /// <summary>Every kind that makes a request fail (no delays).</summary>
    public static readonly IReadOnlyList<FaultKind> FailingKinds =
        [FaultKind.Throttling, FaultKind.InternalError, FaultKind.ServiceUnavailable, FaultKind.ResetBeforeForward, FaultKind.DropResponse];

    /// <summary>Every kind, delays included.</summary>
    public static readonly IReadOnlyList<FaultKind> AllKinds = [.. FailingKinds, FaultKind.Delay];

    public static FaultPlan None { get; } = new([]);

    /// <summary>The same rate and kinds for every action; delays last <paramref name="delay"/> (default 200 ms).</summary>
    public static FaultPlan Everywhere(double rate, IReadOnlyList<FaultKind> kinds, TimeSpan? delay = null) =>
        new([new FaultRule(null, rate, kinds, delay ?? TimeSpan.FromMilliseconds(200))]);

    public FaultRule? RuleFor(string action) => Rules.FirstOrDefault(r => r.Matches(action));

    public FaultRule? RuleFor(string action, IEnumerable<string> parameterValues) => Rules.FirstOrDefault(r => r.Matches(action, parameterValues));
}
