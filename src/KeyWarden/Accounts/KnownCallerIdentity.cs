using KeyWarden.Aws.Sts;

namespace KeyWarden.Accounts;

/// <summary>
/// The identity STS already gave for a session (asked once when the session was opened, to check the account): the
/// sources that start by asking STS get it without a second request per account.
/// </summary>
public sealed class KnownCallerIdentity(CallerIdentity identity) : ICallerIdentityClient
{
    public Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken = default) => Task.FromResult(identity);
}
