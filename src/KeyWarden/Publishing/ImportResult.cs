namespace KeyWarden.Publishing;

/// <summary>
/// What one import did: findings imported (created or updated), into how many accounts, how many of them were
/// archived (resolved since an earlier import), which failed, how many BatchImportFindings calls were made.
/// </summary>
public sealed record ImportResult(int Imported, int Accounts, int Archived, IReadOnlyList<ImportFailure> Failures, int Calls)
{
    public string Summary => $"imported {Imported} findings into {Accounts} account(s) ({Archived} archived, {Failures.Count} failed)";
}
