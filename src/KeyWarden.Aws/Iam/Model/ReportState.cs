namespace KeyWarden.Aws.Iam.Model;

/// <summary>Values of GenerateCredentialReport's <c>State</c>.</summary>
public static class ReportState
{
    public const string Started = "STARTED";
    public const string InProgress = "INPROGRESS";
    public const string Complete = "COMPLETE";
}
