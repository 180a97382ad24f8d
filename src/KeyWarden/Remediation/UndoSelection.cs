namespace KeyWarden.Remediation;

/// <summary>
/// Which of a journal's reversible deactivations this undo puts back (<c>--principal</c>, <c>--step</c>), as apply
/// selects a plan's steps: globs on the user name (case-insensitive), exact step ids, a candidate must match both.
/// A glob or id that matches none of them is refused (a typo must not silently undo nothing, or less than meant).
/// </summary>
public static class UndoSelection
{
    private static readonly StepSelectionWording Wording = new(
        UnknownStep: "no deactivation to undo has this step id",
        KnownSteps: "those that do",
        UnmatchedPrincipal: "matches no user with a deactivation to undo",
        NoneMatchBoth: "--principal and --step together select no deactivation (one must match both)");

    public static (IReadOnlyList<UndoCandidate>? Selected, string? Error) Select(
        IReadOnlyList<UndoCandidate> candidates, IReadOnlyCollection<string> principals, IReadOnlyCollection<string> stepIds) =>
        StepSelection.Select(candidates, c => c.User, c => c.StepId, principals, stepIds, Wording);
}
