using KeyWarden.Audit.Exceptions;

namespace KeyWarden.Remediation;

/// <summary>What <c>--principal</c> / <c>--step</c> select in a command (plan steps, journal deactivations), for its messages.</summary>
public sealed record StepSelectionWording(string UnknownStep, string KnownSteps, string UnmatchedPrincipal, string NoneMatchBoth);

/// <summary>
/// The one rule apply and undo select part of their work by: globs on the user name (case-insensitive), exact step
/// ids, an item must match both. A glob or id that matches nothing is refused: a typo must not silently do nothing,
/// or less than meant. Pure.
/// </summary>
public static class StepSelection
{
    public static (IReadOnlyList<T>? Selected, string? Error) Select<T>(
        IReadOnlyList<T> items,
        Func<T, string> user,
        Func<T, string> stepId,
        IReadOnlyCollection<string> principals,
        IReadOnlyCollection<string> stepIds,
        StepSelectionWording wording)
    {
        var unmatchedGlobs = principals.Where(g => !items.Any(i => GlobPattern.Matches(g, user(i), ignoreCase: true))).ToList();
        var unknownSteps = stepIds.Where(id => items.All(i => stepId(i) != id)).ToList();
        var problems = new List<string>();
        if (unknownSteps.Count > 0)
        {
            problems.Add($"--step {string.Join(", ", unknownSteps)}: {wording.UnknownStep} ({wording.KnownSteps}: {Listed(items.Select(stepId))})");
        }

        if (unmatchedGlobs.Count > 0)
        {
            problems.Add($"--principal {string.Join(", ", unmatchedGlobs)}: {wording.UnmatchedPrincipal}");
        }

        if (problems.Count > 0)
        {
            return (null, string.Join("; ", problems) + ". Nothing was changed");
        }

        var selected = items
            .Where(i => principals.Count == 0 || principals.Any(g => GlobPattern.Matches(g, user(i), ignoreCase: true)))
            .Where(i => stepIds.Count == 0 || stepIds.Contains(stepId(i)))
            .ToList();
        return selected.Count == 0 && items.Count > 0
            ? (null, wording.NoneMatchBoth + ". Nothing was changed")
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
