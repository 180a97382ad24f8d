namespace KeyWarden.Remediation;

/// <summary>
/// A journal as read and checked: its records, and how many of its first lines were written before the hash
/// chain existed (by an older keywarden) and so are not covered by it; 0 for a journal chained throughout.
/// </summary>
public sealed record JournalContents(IReadOnlyList<JournalRecord> Records, int UnchainedLines)
{
    /// <summary>The note the commands print for a journal with an unchained beginning; null when there is none.</summary>
    public string? UnchainedNote(string path) => UnchainedLines == 0
        ? null
        : $"{path}: the first {UnchainedLines} line(s) were written by a keywarden without the journal hash chain (no \"prev\"); edits to them cannot be detected";
}
