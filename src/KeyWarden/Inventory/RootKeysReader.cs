using KeyWarden.Aws;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;

namespace KeyWarden.Inventory;

/// <summary>
/// Whether root has access keys, from GetAccountSummary (<c>AccountAccessKeysPresent</c>): what the IAM API can say of
/// root where no credential-report row does. One call; a refusal or failure is "unknown" (the root rule's ERROR), never
/// "none", and never fails the account's other findings.
/// </summary>
public static class RootKeysReader
{
    private const string NotReturned = "GetAccountSummary did not return AccountAccessKeysPresent: whether the root user has access keys is unknown";

    public static async Task<RootKeysPresence> ReadAsync(IIamClient iam, CancellationToken cancellationToken)
    {
        try
        {
            var summary = await iam.GetAccountSummaryAsync(new GetAccountSummaryRequest(), cancellationToken);
            return summary.SummaryMap.TryGetValue("AccountAccessKeysPresent", out var present)
                ? new RootKeysPresence(present > 0)
                : new RootKeysPresence(null, NotReturned);
        }
        catch (AccessDeniedException)
        {
            return new RootKeysPresence(null, "iam:GetAccountSummary was denied: whether the root user has access keys is unknown");
        }
        catch (Exception e) when (e is not OperationCanceledException && !cancellationToken.IsCancellationRequested
            && AwsErrorDescriber.Describe(e) is { Kind: AwsFailureKind.Throttling or AwsFailureKind.Service or AwsFailureKind.Endpoint } failure)
        {
            return new RootKeysPresence(null, $"iam:GetAccountSummary failed ({failure.OneLineMessage}): whether the root user has access keys is unknown");
        }
    }

    /// <summary>The note a source adds for what it learnt (kept from before the root rule: the table's notes show it).</summary>
    public static IReadOnlyList<string> Notes(RootKeysPresence presence) => presence switch
    {
        { Present: true } => ["the root user has access keys (AccountAccessKeysPresent=1); the IAM API cannot list them: audit root with --source auto or credential-report"],
        { Present: null, Unknown: { } why } when why != NotReturned => [why],
        _ => [],
    };
}
