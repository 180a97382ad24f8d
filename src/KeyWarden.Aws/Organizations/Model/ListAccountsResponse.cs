using Amazon.Runtime;

namespace KeyWarden.Aws.Organizations.Model;

public sealed class ListAccountsResponse : AmazonWebServiceResponse
{
    public List<Account> Accounts { get; set; } = [];

    /// <summary>Null on the last page; set while more pages follow, also after an empty page.</summary>
    public string? NextToken { get; set; }
}
