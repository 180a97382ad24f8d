using KeyWarden.Aws;
using KeyWarden.Aws.Organizations;

namespace KeyWarden.Accounts;

/// <summary>
/// The candidates Organizations lists: every account (--org, ListAccounts) or those under OUs and roots (--ou,
/// recursively), each with its name and State. Every page is read (a page may be empty while NextToken is set).
/// An organization that cannot be listed is an error for the whole run (exit 3): reading no account is never a pass.
/// </summary>
public static class OrganizationAccounts
{
    public static async Task<IReadOnlyList<AccountTarget>> ListAsync(IOrganizationsClient organizations, IReadOnlyList<string> parentIds, CancellationToken cancellationToken)
    {
        var found = new List<AccountTarget>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            if (parentIds.Count == 0)
            {
                await foreach (var account in OrganizationsPaginators.ListAllAccountsAsync(organizations, cancellationToken))
                {
                    Add(account);
                }
            }
            else
            {
                foreach (var parent in parentIds)
                {
                    await foreach (var account in OrganizationsPaginators.ListAllAccountsUnderAsync(organizations, parent, cancellationToken))
                    {
                        Add(account);
                    }
                }
            }
        }
        catch (Exception e) when (AwsErrorDescriber.Describe(e) is { } failure)
        {
            var what = parentIds.Count == 0 ? "--org: could not list the organization's accounts" : $"--ou: could not list the accounts under {string.Join(", ", parentIds)}";
            var hint = failure.Kind == AwsFailureKind.AccessDenied || failure.Code.Contains("NotInUse", StringComparison.Ordinal)
                ? " (the credentials must be the organization's management account or a delegated administrator)"
                : string.Empty;
            throw KeyWardenException.Aws($"{what}: {failure.OneLineMessage}{hint}", e);
        }

        return found;

        void Add(Aws.Organizations.Model.Account account)
        {
            if (account.Id is { } id && seen.Add(id))
            {
                // State replaces the retiring Status; an emulator or an old API answer may carry Status only.
                var state = !string.IsNullOrEmpty(account.State) ? account.State : account.Status;
                found.Add(new AccountTarget(id, account.Name, string.IsNullOrEmpty(state) ? null : state));
            }
        }
    }
}
