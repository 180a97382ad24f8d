namespace KeyWarden.Inventory;

/// <summary>Where an account's inventory came from; the JSON contract spells these in kebab case.</summary>
public enum SourceKind
{
    CredentialReportFile,
    CredentialReport,
    Live,
    Auto,
}

public static class SourceKindNames
{
    /// <summary>The kind an AWS read with <c>--source</c> <paramref name="source"/> produces.</summary>
    public static SourceKind OfOption(string source) => source switch
    {
        "live" => SourceKind.Live,
        "credential-report" => SourceKind.CredentialReport,
        _ => SourceKind.Auto,
    };

    public static string ToContractName(this SourceKind kind) => kind switch
    {
        SourceKind.CredentialReportFile => "credential-report-file",
        SourceKind.CredentialReport => "credential-report",
        SourceKind.Live => "live",
        SourceKind.Auto => "auto",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
