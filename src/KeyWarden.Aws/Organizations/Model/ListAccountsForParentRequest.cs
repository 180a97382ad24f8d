namespace KeyWarden.Aws.Organizations.Model;

public sealed class ListAccountsForParentRequest : AmazonOrganizationsRequest
{
    /// <summary>Required: a root (<c>r-xxxx</c>) or an OU (<c>ou-xxxx-yyyyyyyy</c>). Only direct children are listed.</summary>
    public string? ParentId { get; set; }

    public string? NextToken { get; set; }

    /// <summary>1–20.</summary>
    public int? MaxResults { get; set; }
}
