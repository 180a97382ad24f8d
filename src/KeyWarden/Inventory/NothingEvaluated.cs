namespace KeyWarden.Inventory;

/// <summary>
/// "Nothing evaluated is not a pass": an account read without error but with no principal to evaluate, or a
/// credential report without the <c>&lt;root_account&gt;</c> row IAM always writes, becomes a source error (exit 3,
/// shown in every format) instead of an empty, green report. One exception, because emulators omit the root row
/// (moto does): a report fetched from a custom endpoint (<c>--endpoint-url</c>, <c>AWS_ENDPOINT_URL*</c>) without a
/// root row gets a note, not an error. A report from AWS itself, or any offline file, without it is an error: an
/// offline file without root has been cut or filtered, and cannot vouch for the account. Pure.
/// </summary>
public static class NothingEvaluated
{
    /// <summary>The source error for an account read without error but with zero principals.</summary>
    public static AccountInventory RequirePrincipals(AccountInventory inventory, string whyEmpty) =>
        inventory.Source.Error is null && inventory.Principals.Count == 0
            ? inventory with { Source = inventory.Source with { Error = $"nothing to evaluate: {whyEmpty}; an audit that evaluated nothing is not a pass" } }
            : inventory;

    /// <summary>
    /// A report without the root row: an error (<paramref name="rootRowRequired"/>), or a note for an emulator endpoint.
    /// Checked after <see cref="RequirePrincipals"/>, so an empty report says "nothing to evaluate" first.
    /// </summary>
    public static AccountInventory RequireRootRow(AccountInventory inventory, ParsedCredentialReport report, string what, bool rootRowRequired)
    {
        if (inventory.Source.Error is not null || report.Principals.Any(p => p.IsRoot))
        {
            return inventory;
        }

        if (rootRowRequired)
        {
            return inventory with
            {
                Source = inventory.Source with
                {
                    Error = $"{what} has no {PrincipalKeys.RootName} row, which IAM always writes: it is not a complete credential report "
                        + "(cut or filtered?), so root's keys were not evaluated and the account cannot pass",
                },
            };
        }

        var missing = $"{what} has no {PrincipalKeys.RootName} row (emulators such as moto omit it)";
        var notes = (inventory.Source.Notes ?? []).Append($"{missing}: root's keys were not evaluated").ToList();
        // Unknown, not absent: the root rule says "could not evaluate" unless a source asks GetAccountSummary instead.
        return inventory with { Source = inventory.Source with { Notes = notes }, RootKeys = new RootKeysPresence(null, missing) };
    }
}
