namespace KeyWarden.Aws.SecurityHub.Model;

/// <summary><c>POST /findings</c>: the findings that match <see cref="Filters"/>, a page at a time.</summary>
public sealed class GetFindingsRequest : AmazonSecurityHubRequest
{
    /// <summary>Up to 10 attributes, each with up to 20 values (the service's limits).</summary>
    public AwsSecurityFindingFilters? Filters { get; set; }

    /// <summary>Opaque token from the previous page's <see cref="GetFindingsResponse.NextToken"/>.</summary>
    public string? NextToken { get; set; }

    /// <summary>1–100.</summary>
    public int? MaxResults { get; set; }
}
