using KeyWarden.Audit;

namespace KeyWarden.Reports.Html;

/// <summary>
/// The one-line answer at the top of the page, decided as the exit code is: anything that could not be evaluated (an
/// ERROR finding or an account that was not read) wins over failing and over pass, so a partial run never reads as one.
/// </summary>
internal sealed record Verdict(string Kind, string Text)
{
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string Error = "error";

    public static Verdict Of(AuditReport report)
    {
        var failing = report.Findings.Where(f => f.Status == FindingStatus.Fail).ToList();
        var principals = failing.Select(f => (f.AccountId, f.Principal)).Distinct().Count();
        var unread = report.Sources.Count(s => s.Error is not null);
        var errors = report.Summary.Error;
        var failText = $"{failing.Count} failing ({Plural(principals, "principal")})";
        if (unread > 0 || errors > 0)
        {
            var parts = new List<string>();
            if (errors > 0)
            {
                parts.Add($"{Plural(errors, "finding")} could not be evaluated");
            }

            if (unread > 0)
            {
                parts.Add($"{Plural(unread, "account")} not read");
            }

            var also = failing.Count > 0 ? $"; {failText}" : string.Empty;
            return new(Error, $"Could not evaluate: {string.Join(", ", parts)}{also}. This is not a pass.");
        }

        return failing.Count > 0 ? new(Fail, failText) : new(Pass, "Pass");
    }

    private static string Plural(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
