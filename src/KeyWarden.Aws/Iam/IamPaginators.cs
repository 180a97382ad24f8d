using System.Runtime.CompilerServices;
using KeyWarden.Aws.Iam.Model;

namespace KeyWarden.Aws.Iam;

/// <summary>
/// Follows IAM's Marker pagination: a page may hold fewer than MaxItems items while IsTruncated is true,
/// so only IsTruncated ends the loop. Pages ask for <see cref="PageSize"/> items, IAM's largest page (its default is 100):
/// at 2,000 users that is 2 ListUsers calls instead of 20.
/// </summary>
public static class IamPaginators
{
    /// <summary>IAM's MaxItems upper bound (1–1000).</summary>
    public const int PageSize = 1000;

    public static async IAsyncEnumerable<User> ListAllUsersAsync(this IIamClient client, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        string? marker = null;
        while (true)
        {
            var page = await client.ListUsersAsync(new ListUsersRequest { Marker = marker, MaxItems = PageSize }, cancellationToken).ConfigureAwait(false);
            foreach (var user in page.Users) yield return user;
            if (!page.IsTruncated) yield break;
            marker = NextMarker(marker, page.Marker, "ListUsers");
        }
    }

    public static async IAsyncEnumerable<AccessKeyMetadata> ListAllAccessKeysAsync(this IIamClient client, string userName, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        // Without a user name IAM lists the caller's own keys: never what "all keys of a user" means.
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        string? marker = null;
        while (true)
        {
            var page = await client.ListAccessKeysAsync(new ListAccessKeysRequest { UserName = userName, Marker = marker, MaxItems = PageSize }, cancellationToken).ConfigureAwait(false);
            foreach (var key in page.AccessKeyMetadata) yield return key;
            if (!page.IsTruncated) yield break;
            marker = NextMarker(marker, page.Marker, "ListAccessKeys");
        }
    }

    private static string NextMarker(string? previous, string? next, string operation)
    {
        if (string.IsNullOrEmpty(next))
            throw new InvalidOperationException($"{operation} returned a truncated page without a Marker.");
        if (next == previous)
            throw new InvalidOperationException($"{operation} returned the same Marker twice; stopping to avoid an endless loop.");
        return next;
    }
}
