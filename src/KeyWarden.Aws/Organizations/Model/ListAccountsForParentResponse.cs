using Amazon.Runtime;

namespace KeyWarden.Aws.Organizations.Model;

public sealed class ListAccountsForParentResponse : AmazonWebServiceResponse
{
    public List<Account> Accounts { get; set; } = [];

    public string? NextToken { get; set; }
}
