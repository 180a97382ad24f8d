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

    [Fact]
    public async Task A_report_in_progress_is_polled_with_Get_only()
    {
        using var iam = new ScriptedReportIam(
            get: [Fail(new ReportNotPresentException("none")), Fail(new ReportInProgressException("busy")), Fail(new ReportInProgressException("busy")), Report()],
            generate: ["STARTED"]);
        var fetcher = new CredentialReportFetcher(iam, TimeProvider.System, TimeSpan.FromSeconds(30));

        var (csv, _) = await fetcher.FetchAsync(CancellationToken.None);

        Assert.StartsWith("user,arn", csv);
        Assert.Equal(4, iam.Gets);
        Assert.Equal(1, iam.Generates);
    }

    [Fact]
    public async Task LimitExceeded_on_generate_is_retried_after_a_pause()
    {
        using var iam = new ScriptedReportIam(
            get: [Fail(new ReportExpiredException("old")), Report()],
            generate: [null, "STARTED"]);
        var fetcher = new CredentialReportFetcher(iam, TimeProvider.System, TimeSpan.FromSeconds(30));

        await fetcher.FetchAsync(CancellationToken.None);

        Assert.Equal(2, iam.Generates);
        Assert.Equal(2, iam.Gets);
    }

    private static Func<GetCredentialReportResponse> Fail(Exception e) => () => throw e;

    private static Func<GetCredentialReportResponse> Report() => () => new GetCredentialReportResponse
    {
        Content = System.Text.Encoding.UTF8.GetBytes("user,arn\n"),
        GeneratedTime = DateTime.UtcNow,
    };

    /// <summary>Answers Get and Generate from scripts, in order; a null Generate state is LimitExceeded.</summary>
    private sealed class ScriptedReportIam(List<Func<GetCredentialReportResponse>> get, List<string?> generate) : IIamClient
    {
        public int Gets { get; private set; }

        public int Generates { get; private set; }

        public Task<GenerateCredentialReportResponse> GenerateCredentialReportAsync(GenerateCredentialReportRequest request, CancellationToken cancellationToken = default)
        {
            var state = generate[Generates++];
            return state is null
                ? throw new LimitExceededException("no capacity")
                : Task.FromResult(new GenerateCredentialReportResponse { State = state });
        }

        public Task<GetCredentialReportResponse> GetCredentialReportAsync(GetCredentialReportRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(get[Gets++]());

        public Task<ListUsersResponse> ListUsersAsync(ListUsersRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<ListAccessKeysResponse> ListAccessKeysAsync(ListAccessKeysRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<GetAccessKeyLastUsedResponse> GetAccessKeyLastUsedAsync(GetAccessKeyLastUsedRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<UpdateAccessKeyResponse> UpdateAccessKeyAsync(UpdateAccessKeyRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<GetAccountSummaryResponse> GetAccountSummaryAsync(GetAccountSummaryRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public void Dispose() { }
    }

    private sealed class AlwaysThrottledIam : IIamClient
    {
        public int Calls { get; private set; }

        public Task<GenerateCredentialReportResponse> GenerateCredentialReportAsync(GenerateCredentialReportRequest request, CancellationToken cancellationToken = default)
        {
            Calls++;
            throw new ThrottlingException("Rate exceeded");
        }

        public Task<GetCredentialReportResponse> GetCredentialReportAsync(GetCredentialReportRequest request, CancellationToken cancellationToken = default)
        {
            Calls++;
            throw new ThrottlingException("Rate exceeded");
        }

        public Task<ListUsersResponse> ListUsersAsync(ListUsersRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<ListAccessKeysResponse> ListAccessKeysAsync(ListAccessKeysRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<GetAccessKeyLastUsedResponse> GetAccessKeyLastUsedAsync(GetAccessKeyLastUsedRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<UpdateAccessKeyResponse> UpdateAccessKeyAsync(UpdateAccessKeyRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<GetAccountSummaryResponse> GetAccountSummaryAsync(GetAccountSummaryRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public void Dispose() { }
    }
}
