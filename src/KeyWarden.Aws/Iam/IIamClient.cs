using KeyWarden.Aws.Iam.Model;

namespace KeyWarden.Aws.Iam;

/// <summary>The IAM operations KeyWarden uses, shaped like the AWS SDK's <c>IAmazonIdentityManagementService</c>.</summary>
public interface IIamClient : IDisposable
{
    Task<ListUsersResponse> ListUsersAsync(ListUsersRequest request, CancellationToken cancellationToken = default);

    Task<ListAccessKeysResponse> ListAccessKeysAsync(ListAccessKeysRequest request, CancellationToken cancellationToken = default);

    Task<GetAccessKeyLastUsedResponse> GetAccessKeyLastUsedAsync(GetAccessKeyLastUsedRequest request, CancellationToken cancellationToken = default);

    /// <summary>Throws <see cref="ArgumentException"/> when <see cref="UpdateAccessKeyRequest.UserName"/> is missing.</summary>
    Task<UpdateAccessKeyResponse> UpdateAccessKeyAsync(UpdateAccessKeyRequest request, CancellationToken cancellationToken = default);

    Task<GenerateCredentialReportResponse> GenerateCredentialReportAsync(GenerateCredentialReportRequest request, CancellationToken cancellationToken = default);

    Task<GetCredentialReportResponse> GetCredentialReportAsync(GetCredentialReportRequest request, CancellationToken cancellationToken = default);

    Task<GetAccountSummaryResponse> GetAccountSummaryAsync(GetAccountSummaryRequest request, CancellationToken cancellationToken = default);
}
