using KeyWarden.Audit.Exceptions;

namespace KeyWarden.Inventory;

/// <summary>
/// The principals <c>--principal</c> asks for (name globs, case-insensitive), applied by the sources before any
/// per-user call so that a filtered audit reads only what it reports. No globs: everyone.
/// </summary>
public sealed class PrincipalFilter(IReadOnlyList<string>? globs)
{
    public static readonly PrincipalFilter Everyone = new(null);

    public bool Includes(string principalName) =>
        globs is not { Count: > 0 } || globs.Any(g => GlobPattern.Matches(g, principalName, ignoreCase: true));
}
