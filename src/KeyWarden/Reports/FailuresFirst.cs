using KeyWarden.Audit;

namespace KeyWarden.Reports;

/// <summary>
/// The order people read findings in, in the terminal table and the HTML report alike: FAIL, ERROR, WARN, MUTED, then
/// PASS; findings of one status keep the order the source listed them in.
/// </summary>
internal static class FailuresFirst
{
    public static int Rank(FindingStatus status) => status switch
    {
        FindingStatus.Fail => 0,
        FindingStatus.Error => 1,
        FindingStatus.Warn => 2,
        FindingStatus.Muted => 3,
        _ => 4,
    };

    /// <summary>The findings in reading order, each with its index in <paramref name="findings"/>.</summary>
    public static List<(Finding Finding, int Index)> Order(IEnumerable<Finding> findings) =>
        [.. findings.Select((f, i) => (Finding: f, Index: i)).OrderBy(x => Rank(x.Finding.Status)).ThenBy(x => x.Index)];
}
