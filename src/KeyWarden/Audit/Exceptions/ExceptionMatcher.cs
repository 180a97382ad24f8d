namespace KeyWarden.Audit.Exceptions;

/// <summary>
/// Applies an exceptions file to an audit report. Pure: expiry is judged against the report's own audit
/// instant (<see cref="AuditReport.AsOf"/>), never the wall clock, so a report stays reproducible.
/// Only FAIL and WARN findings are muted: a PASS needs no exception and an ERROR (could not evaluate)
/// must never be hidden.
/// </summary>
public static class ExceptionMatcher
{
    public static AuditReport Apply(AuditReport report, ExceptionList exceptions)
    {
        var entries = exceptions.Entries;
        var expired = entries.Select(e => e.IsExpired(report.AsOf)).ToArray();
        var matched = new int[entries.Count];

        var findings = report.Findings.Select(finding =>
        {
            if (finding.Status is not (FindingStatus.Fail or FindingStatus.Warn))
            {
                return finding;
            }

            ExceptionEntry? muting = null;
            for (var i = 0; i < entries.Count; i++)
            {
                if (!entries[i].Covers(finding))
                {
                    continue;
                }

                matched[i]++;
                if (!expired[i] && muting is null)
                {
                    muting = entries[i];
                }
            }

            return muting is null ? finding : finding with { Status = FindingStatus.Muted, MuteReason = muting.Reason };
        }).ToList();

        var outcomes = entries.Select((e, i) => new ExceptionOutcome(e, expired[i], matched[i])).ToList();

        // A new report rather than `with`: the summary is computed from the findings when the report is built.
        return new AuditReport(report.GeneratedAt, report.AsOf, report.Parameters, report.Sources, findings, outcomes);
    }
}
