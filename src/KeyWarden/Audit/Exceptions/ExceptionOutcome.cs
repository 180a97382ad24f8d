namespace KeyWarden.Audit.Exceptions;

/// <summary>
/// What one exception did in one audit: whether it had expired as of the audit instant, and how many
/// FAIL/WARN findings it matched (muted when unexpired; left as they were when expired).
/// </summary>
public sealed record ExceptionOutcome(ExceptionEntry Entry, bool Expired, int Matched);
