namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>
/// Faults <paramref name="Rate"/> (0..1) of the requests whose action is in <paramref name="Actions"/> (null: every
/// action), each with one of <paramref name="Kinds"/>; <paramref name="Delay"/> is how long a <see cref="FaultKind.Delay"/> waits.
/// With <paramref name="ParameterContains"/>, only requests one of whose parameter values contains that text (an
/// AssumeRole of one account's role ARN, say). With <paramref name="FirstOccurrences"/> N, the rate is ignored: the
/// first N sends of each distinct request fail (kinds in turn) and later ones pass.
/// </summary>
public sealed record FaultRule(
    IReadOnlySet<string>? Actions, double Rate, IReadOnlyList<FaultKind> Kinds, TimeSpan Delay = default, string? ParameterContains = null, int? FirstOccurrences = null)
{
    public bool Matches(string action) => Actions is null || Actions.Contains(action);

    public bool Matches(string action, IEnumerable<string> parameterValues) =>
        Matches(action) && (ParameterContains is null || parameterValues.Any(v => v.Contains(ParameterContains, StringComparison.Ordinal)));

    /// <summary>Every AssumeRole of a role in <paramref name="accountId"/> is refused with AccessDenied (moto checks no trust policy).</summary>
    public static FaultRule RefuseAssumeRoleInto(string accountId) =>
        new(new HashSet<string> { "AssumeRole" }, 1.0, [FaultKind.AccessDenied], ParameterContains: $":iam::{accountId}:role/");
}
