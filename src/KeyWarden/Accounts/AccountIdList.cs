namespace KeyWarden.Accounts;

/// <summary>
/// The values of <c>--accounts ID,ID</c> and <c>--exclude-accounts ID,...</c>: comma lists, the option repeatable,
/// whitespace around each id trimmed, empty items (a trailing comma) ignored, duplicates kept once in first-seen order.
/// </summary>
public static class AccountIdList
{
    /// <summary>The most ids one option takes in all its values: more than any organization holds, and a bound on input.</summary>
    public const int MaxIds = 100_000;

    public static IReadOnlyList<string> Parse(string optionName, IEnumerable<string> values)
    {
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var given = false;
        foreach (var value in values)
        {
            given = true;
            foreach (var item in value.Split(','))
            {
                var id = item.Trim();
                if (id.Length == 0)
                {
                    continue;
                }

                if (!AccountIds.IsValid(id))
                {
                    throw KeyWardenException.Input($"{optionName}: {AccountIds.Echo(id)} is not a 12-digit account id");
                }

                if (seen.Add(id))
                {
                    if (ids.Count == MaxIds)
                    {
                        throw KeyWardenException.Input($"{optionName}: more than {MaxIds} account ids; use --accounts-file");
                    }

                    ids.Add(id);
                }
            }
        }

        // The option not given at all is an empty list; given with nothing in it ("--accounts ''") is a mistake.
        return ids.Count > 0 || !given ? ids : throw KeyWardenException.Input($"{optionName}: no account id given");
    }
}
