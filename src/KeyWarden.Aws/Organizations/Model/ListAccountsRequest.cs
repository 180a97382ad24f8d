namespace KeyWarden.Aws.Organizations.Model;

public sealed class ListAccountsRequest : AmazonOrganizationsRequest
{
    /// <summary>Opaque token from the previous page's <see cref="ListAccountsResponse.NextToken"/>.</summary>
    public string? NextToken { get; set; }

    /// <summary>1–20 (AWS's cap); a page may hold fewer, even none, while NextToken is set.</summary>
    public int? MaxResults { get; set; }
}
