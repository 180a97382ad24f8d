namespace KeyWarden.Audit;

/// <summary>Why a principal has more than one active key; tells a rotation in progress from a forgotten key.</summary>
public enum Classification
{
    /// <summary>No active key was ever used: nothing shows which one an application depends on.</summary>
    NoUsageEvidence,

    /// <summary>The newest key is younger than the rotation grace period and the older key is still in use.</summary>
    RotationInProgress,

    /// <summary>More than one active key is in use: deactivating either may break a working application.</summary>
    BothInUse,

    /// <summary>The keys to deactivate are not in use: the classic forgotten second key.</summary>
    ForgottenKey,
}

public static class ClassificationNames
{
    public static string ToContractName(this Classification classification) => classification switch
    {
        Classification.NoUsageEvidence => "no-usage-evidence",
        Classification.RotationInProgress => "rotation-in-progress",
        Classification.BothInUse => "both-in-use",
        Classification.ForgottenKey => "forgotten-key",
        _ => throw new ArgumentOutOfRangeException(nameof(classification), classification, null),
    };
}
