namespace KeyWarden.Audit.Exceptions;

/// <summary>Shell-style globs: <c>*</c> any run of characters (also empty), <c>?</c> exactly one; everything else literal.</summary>
public static class GlobPattern
{
    public static bool Matches(string pattern, string text, bool ignoreCase)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || (pattern[p] != '*' && Same(pattern[p], text[t], ignoreCase))))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                // Remember the star and first try matching it against nothing; backtrack one character at a time.
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
