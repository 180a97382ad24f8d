using System.Runtime.CompilerServices;
using KeyWarden.Aws.Organizations.Model;

namespace KeyWarden.Aws.Organizations;

/// <summary>
/// Whole listings over <see cref="IOrganizationsClient"/>. Organizations may return a page with fewer items than
/// MaxResults, even none, while NextToken is set (a listing that stops at the first short page loses accounts): every
/// loop here runs until NextToken is absent, passing it back unchanged.
/// </summary>
public static class OrganizationsPaginators
{
    /// <summary>AWS's cap on MaxResults for these listings (botocore: MaxResults max 20).</summary>
    public const int PageSize = 20;

    /// <summary>
    /// More pages than this is a service or proxy handing back tokens forever, not an organization (AWS allows at most
    /// a few thousand accounts; 100 000 pages of 20 is far past that).
    /// </summary>
    public const int MostPages = 100_000;

    /// <summary>Every account of the organization (ListAccounts), in the order the service returns them.</summary>
    public static async IAsyncEnumerable<Account> ListAllAccountsAsync(IOrganizationsClient client, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        string? token = null;
        var pages = 0;
        do
        {
            var page = await client.ListAccountsAsync(new ListAccountsRequest { MaxResults = PageSize, NextToken = token }, cancellationToken).ConfigureAwait(false);
            foreach (var account in page.Accounts) yield return account;
            token = Next(page.NextToken, token, ++pages, "ListAccounts");
        }
        while (token != null);
    }

    /// <summary>
    /// The accounts under a root or OU, recursively through its child OUs (ListAccountsForParent and
    /// ListOrganizationalUnitsForParent, each paged to the end), each account once, parents before children.
    /// </summary>
    public static async IAsyncEnumerable<Account> ListAllAccountsUnderAsync(IOrganizationsClient client, string parentId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(parentId);
        var seenAccounts = new HashSet<string>(StringComparer.Ordinal);
        var seenParents = new HashSet<string>(StringComparer.Ordinal) { parentId };
        var pending = new Queue<string>([parentId]);
        while (pending.TryDequeue(out var parent))
        {
            await foreach (var account in AccountsOf(client, parent, cancellationToken).ConfigureAwait(false))
            {
                // An account is in exactly one parent, but a listing that changes while it is read can repeat one.
                if (account.Id is null || seenAccounts.Add(account.Id)) yield return account;
            }

            await foreach (var unit in UnitsOf(client, parent, cancellationToken).ConfigureAwait(false))
            {
                if (unit.Id is { Length: > 0 } id && seenParents.Add(id)) pending.Enqueue(id);
            }
        }
    }

    private static async IAsyncEnumerable<Account> AccountsOf(IOrganizationsClient client, string parentId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        var pages = 0;
        do
        {
            var page = await client.ListAccountsForParentAsync(new ListAccountsForParentRequest { ParentId = parentId, MaxResults = PageSize, NextToken = token }, cancellationToken).ConfigureAwait(false);
            foreach (var account in page.Accounts) yield return account;
            token = Next(page.NextToken, token, ++pages, "ListAccountsForParent");
        }
        while (token != null);
    }

    private static async IAsyncEnumerable<OrganizationalUnit> UnitsOf(IOrganizationsClient client, string parentId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        var pages = 0;
        do
        {
            var page = await client.ListOrganizationalUnitsForParentAsync(new ListOrganizationalUnitsForParentRequest { ParentId = parentId, MaxResults = PageSize, NextToken = token }, cancellationToken).ConfigureAwait(false);
            foreach (var unit in page.OrganizationalUnits) yield return unit;
            token = Next(page.NextToken, token, ++pages, "ListOrganizationalUnitsForParent");
        }
        while (token != null);
    }

    private static string? Next(string? next, string? previous, int pages, string operation)
    {
        if (string.IsNullOrEmpty(next)) return null;
        // The same token twice would loop forever on the same page; so would a listing without end.
        if (next == previous || pages >= MostPages)
            throw new AmazonOrganizationsException(
                $"{operation} kept returning a NextToken after {pages} page(s); the listing does not end",
                null, Amazon.Runtime.ErrorType.Receiver, "EndlessPagination", null, System.Net.HttpStatusCode.OK);
        return next;
    }
}
