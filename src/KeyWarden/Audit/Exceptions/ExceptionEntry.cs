namespace KeyWarden.Audit.Exceptions;

/// <summary>
/// One accepted risk from an exceptions file: which principals (and accounts) it covers, why, and until when.
/// <see cref="Account"/> null covers every account; <see cref="Rule"/> null covers every rule.
/// <see cref="ExpiresAt"/> is exclusive: a date-only <c>expires: 2027-01-31</c> covers that whole UTC day.
/// </summary>
public sealed record ExceptionEntry(
    string? Account,
    string Principal,
    string? Rule,
    string Reason,
    DateTimeOffset ExpiresAt,
    string Expires,
    int Line)
{
    public bool IsExpired(DateTimeOffset asOf) => asOf >= ExpiresAt;

    public bool Covers(Finding finding) =>
        (Rule is null || string.Equals(Rule, finding.RuleId, StringComparison.Ordinal))
        && (Account is null || (finding.AccountId is { } account && GlobPattern.Matches(Account, account, ignoreCase: false)))
        && CoversPrincipal(finding);

    // IAM user names are unique regardless of case, so a pattern matches them case-insensitively;
    // a pattern starting with "arn:" is matched against the principal's ARN instead of its name.
    private bool CoversPrincipal(Finding finding) =>
        Principal.StartsWith("arn:", StringComparison.Ordinal)
            ? finding.Arn is { } arn && GlobPattern.Matches(Principal, arn, ignoreCase: true)
            : GlobPattern.Matches(Principal, finding.Principal, ignoreCase: true);
}
