using KeyWarden.Aws.SecurityHub.Model;

namespace KeyWarden.Aws.SecurityHub;

/// <summary>The Security Hub operations KeyWarden uses, shaped like the AWS SDK's <c>IAmazonSecurityHub</c>.</summary>
public interface ISecurityHubClient : IDisposable
{
    /// <summary>Throws <see cref="ArgumentException"/> before sending when the request holds more than 100 findings.</summary>
    Task<BatchImportFindingsResponse> BatchImportFindingsAsync(BatchImportFindingsRequest request, CancellationToken cancellationToken = default);

    Task<GetFindingsResponse> GetFindingsAsync(GetFindingsRequest request, CancellationToken cancellationToken = default);
}
