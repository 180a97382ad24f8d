namespace KeyWarden.Inventory;

/// <summary>Where a key's last-use evidence came from; the JSON contract spells these in kebab case.</summary>
public enum LastUseSource
{
    /// <summary>The account's credential report (up to its age old; the source's notes say how old).</summary>
    CredentialReport,

    /// <summary>GetAccessKeyLastUsed, read during the audit.</summary>
    Live,
}

public static class LastUseSourceNames
{
    public static string ToContractName(this LastUseSource source) => source switch
    {
        LastUseSource.CredentialReport => "credential-report",
        LastUseSource.Live => "live",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };
}
