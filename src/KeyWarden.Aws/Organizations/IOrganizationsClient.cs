using KeyWarden.Aws.Organizations.Model;

namespace KeyWarden.Aws.Organizations;

/// <summary>The Organizations operations KeyWarden uses, shaped like the AWS SDK's <c>IAmazonOrganizations</c>.</summary>
public interface IOrganizationsClient : IDisposable
{
    Task<ListAccountsResponse> ListAccountsAsync(ListAccountsRequest request, CancellationToken cancellationToken = default);

    /// <summary>Throws <see cref="ArgumentException"/> before sending when <see cref="ListAccountsForParentRequest.ParentId"/> is missing.</summary>
    Task<ListAccountsForParentResponse> ListAccountsForParentAsync(ListAccountsForParentRequest request, CancellationToken cancellationToken = default);

    /// <summary>Throws <see cref="ArgumentException"/> before sending when <see cref="ListOrganizationalUnitsForParentRequest.ParentId"/> is missing.</summary>
    Task<ListOrganizationalUnitsForParentResponse> ListOrganizationalUnitsForParentAsync(ListOrganizationalUnitsForParentRequest request, CancellationToken cancellationToken = default);

    Task<DescribeOrganizationResponse> DescribeOrganizationAsync(DescribeOrganizationRequest request, CancellationToken cancellationToken = default);
}
