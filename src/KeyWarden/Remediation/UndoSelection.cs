using KeyWarden.Audit.Exceptions;

namespace KeyWarden.Remediation;

/// <summary>
/// Which of a journal's reversible deactivations this undo puts back (<c>--principal</c>, <c>--step</c>), as apply
/// selects a plan's steps: globs on the user name (case-insensitive), exact step ids, a candidate must match both.
/// A glob or id that matches none of them is refused (a typo must not silently undo nothing, or less than meant).
/// </summary>
public static class UndoSelection
{
    public static (IReadOnlyList<UndoCandidate>? Selected, string? Error) Select(
        IReadOnlyList<UndoCandidate> candidates, IReadOnlyCollection<string> principals, IReadOnlyCollection<string> stepIds)
    {
        var unmatchedGlobs = principals.Where(g => !candidates.Any(c => GlobPattern.Matches(g, c.User, ignoreCase: true))).ToList();
        var unknownSteps = stepIds.Where(id => candidates.All(c => c.StepId != id)).ToList();
        var problems = new List<string>();
        if (unknownSteps.Count > 0)
        {
            problems.Add($"--step {string.Join(", ", unknownSteps)}: no deactivation to undo has this step id (those that do: {Listed(candidates.Select(c => c.StepId))})");
        }

        if (unmatchedGlobs.Count > 0)
        {
            problems.Add($"--principal {string.Join(", ", unmatchedGlobs)}: matches no user with a deactivation to undo");
        }

        if (problems.Count > 0)
        {
            return (null, string.Join("; ", problems) + ". Nothing was changed");
        }

        var selected = candidates
            .Where(c => principals.Count == 0 || principals.Any(g => GlobPattern.Matches(g, c.User, ignoreCase: true)))
            .Where(c => stepIds.Count == 0 || stepIds.Contains(c.StepId))
            .ToList();
        return selected.Count == 0 && candidates.Count > 0
            ? (null, "--principal and --step together select no deactivation (one must match both). Nothing was changed")
            : (selected, null);
    }

    private static string Listed(IEnumerable<string> ids)
    {
        var distinct = ids.Distinct().ToList();
        return distinct.Count == 0 ? "none"
            : distinct.Count <= 10 ? string.Join(", ", distinct)
            : string.Join(", ", distinct.Take(10)) + $", … ({distinct.Count} in all)";
    }
}
