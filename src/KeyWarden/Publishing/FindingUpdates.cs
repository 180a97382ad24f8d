using System.Text.Json.Nodes;

namespace KeyWarden.Publishing;

/// <summary>
/// How a finding about to be imported relates to what Security Hub already holds under its Id (pure: the earlier
/// findings were read before). <c>CreatedAt</c> is the first time KeyWarden reported the finding, so an earlier
/// finding's CreatedAt is kept; the ASFF writer's is the run's own time, right only the first time. A finding that
/// passes now but was imported before while failing (or was archived already) is archived: RecordState ARCHIVED,
/// Compliance PASSED, so Security Hub stops listing a resolved problem as active. A pass never seen failing stays
/// ACTIVE PASSED, as Security Hub's own controls report passes; a FAIL again after an archive is ACTIVE again.
/// </summary>
public static class FindingUpdates
{
    public const string Archived = "ARCHIVED";

    public const string Passed = "PASSED";

    /// <summary>
    /// A copy of <paramref name="finding"/> updated against <paramref name="earlier"/>; whether this import archives it
    /// (false for one archived already: it stays archived, and the summary counts only what was resolved since).
    /// </summary>
    public static (JsonObject Finding, bool Archived) Apply(JsonObject finding, EarlierFinding? earlier)
    {
        var updated = (JsonObject)finding.DeepClone();
        if (earlier is null)
        {
            return (updated, false);
        }

        if (!string.IsNullOrEmpty(earlier.CreatedAt))
        {
            updated["CreatedAt"] = earlier.CreatedAt;
        }

        var resolved = AsffFindings.ComplianceStatus(updated) == Passed
            && (earlier.ComplianceStatus != Passed || earlier.RecordState == Archived);
        if (resolved)
        {
            updated["RecordState"] = Archived;
        }

        return (updated, resolved && earlier.RecordState != Archived);
    }
}
