using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;
using KeyWarden.Inventory;

namespace KeyWarden.Tests.Inventory;

public sealed class CredentialReportFetcherTests
{
    [Fact]
    public async Task Persistent_throttling_is_reported_as_throttling_not_as_a_slow_report()
    {
        using var iam = new AlwaysThrottledIam();
        var fetcher = new CredentialReportFetcher(iam, TimeProvider.System, TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<CredentialReportUnavailableException>(() => fetcher.FetchAsync(CancellationToken.None));

        Assert.Contains("throttling", error.Message);
        Assert.Contains("Rate exceeded", error.Message);
        Assert.DoesNotContain("not ready", error.Message);
        Assert.True(iam.Calls >= 2);
    }

    private sealed class AlwaysThrottledIam : IIamClient
    {
        public int Calls { get; private set; }

        public Task<GenerateCredentialReportResponse> GenerateCredentialReportAsync(GenerateCredentialReportRequest request, CancellationToken cancellationToken = default)
        {
            Calls++;
            throw new ThrottlingException("Rate exceeded");
        }

        public Task<GetCredentialReportResponse> GetCredentialReportAsync(GetCredentialReportRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<ListUsersResponse> ListUsersAsync(ListUsersRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<ListAccessKeysResponse> ListAccessKeysAsync(ListAccessKeysRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<GetAccessKeyLastUsedResponse> GetAccessKeyLastUsedAsync(GetAccessKeyLastUsedRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<UpdateAccessKeyResponse> UpdateAccessKeyAsync(UpdateAccessKeyRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<GetAccountSummaryResponse> GetAccountSummaryAsync(GetAccountSummaryRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public void Dispose() { }
    }
}
