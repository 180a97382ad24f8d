using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Model;

public sealed class GetAccountSummaryResponse : AmazonWebServiceResponse
{
    /// <summary>E.g. <c>Users</c>, <c>AccessKeysPerUserQuota</c>, <c>AccountAccessKeysPresent</c>, <c>AccountMFAEnabled</c>.</summary>
    public Dictionary<string, int> SummaryMap { get; set; } = new(StringComparer.Ordinal);
}
