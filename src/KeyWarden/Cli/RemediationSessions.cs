using KeyWarden.Accounts;
using KeyWarden.Aws;
using KeyWarden.Aws.Sts;
using KeyWarden.Cli.Settings;
using KeyWarden.Remediation;

namespace KeyWarden.Cli;

/// <summary>
/// The accounts apply, verify and undo act in, and how each is reached. The credentials' own account directly; any
/// other only through a role the plan or journal recorded (a plan made with --org/--accounts names each account's
/// role; a journal's run names the assumed role it acted as) or that --role-name names. An account with no known way
/// in is not guessed at: its steps are reported as not for these credentials, as for a one-account plan.
/// STS is asked in every account before its first step, so a role that lands elsewhere acts nowhere.
/// </summary>
internal sealed class RemediationSessions : IDisposable
{
    private readonly AwsConnection _hub;
    private readonly AccountConnections _accounts;
    private readonly RoleSettings _settings;
    private readonly Dictionary<string, (AccountSession? Session, string? Error)> _opened = new(StringComparer.Ordinal);

    private RemediationSessions(AwsConnection hub, AccountConnections accounts, RoleSettings settings)
    {
        _hub = hub;
        _accounts = accounts;
        _settings = settings;
    }

    public CallerIdentity HubIdentity => _accounts.HubIdentity;

    public AwsConnection Hub => _hub;

    public static async Task<RemediationSessions> OpenAsync(RoleSettings settings, CancellationToken cancellationToken)
    {
        var hub = AwsClientFactory.Connect(settings);
        try
        {
            return new RemediationSessions(hub, await AccountConnections.OpenAsync(hub, settings.ToRoleChoice(), cancellationToken), settings);
        }
        catch
        {
            hub.Dispose();
            throw;
        }
    }

    /// <summary>The role ARN an account is reached through: --role-name if given, else the recorded one; null = directly or not at all.</summary>
    public string? RoleFor(string accountId, string? recordedRoleArn) =>
        _settings.RoleName is { } name && accountId != HubIdentity.Account
            ? RoleParameters.RoleArn(HubIdentity.Partition, accountId, name)
            : recordedRoleArn;

    /// <summary>Whether the account can be reached at all (its own account, or a role is known).</summary>
    public bool CanReach(string accountId, string? recordedRoleArn) =>
        accountId == HubIdentity.Account || RoleFor(accountId, recordedRoleArn) is not null;

    /// <summary>
    /// Where a change acts, for its confirmation question: "in account X" for the credentials' own account alone,
    /// else "in N account(s) (first five…)".
    /// </summary>
    public string WhereText(IReadOnlyList<string> accountIds) =>
        accountIds.Count == 1 && accountIds[0] == HubIdentity.Account
            ? $"in account {HubIdentity.Account}"
            : $"in {accountIds.Count} account(s) ({string.Join(", ", accountIds.Take(5))}{(accountIds.Count > 5 ? ", …" : "")})";

    /// <summary>
    /// The result of every step in an account no session could be opened to: not attempted when a way in was known
    /// and failed (exit 3), skipped when no way in is known, as for a one-account plan (exit 4). Nothing was sent.
    /// </summary>
    public string UnreachableResult(string accountId, string? recordedRoleArn) =>
        CanReach(accountId, recordedRoleArn) ? StepResult.NotAttempted : StepResult.Skipped;

    /// <summary>
    /// The session for <paramref name="accountId"/>, opened once; null with the reason when the account cannot be
    /// reached (no role known, AssumeRole refused, or the role answered for another account).
    /// </summary>
    public async Task<(AccountSession? Session, string? Error)> ForAccountAsync(string accountId, string? recordedRoleArn, CancellationToken cancellationToken)
    {
        if (_opened.TryGetValue(accountId, out var known))
        {
            return known;
        }

        var role = RoleFor(accountId, recordedRoleArn);
        (AccountSession? Session, string? Error) result;
        if (role is null && accountId != HubIdentity.Account)
        {
            result = (null, $"step is for account {accountId}; the credentials are for {HubIdentity.Account} and no role is recorded for it (make the plan with --org/--accounts, or pass --role-name)");
        }
        else
        {
            try
            {
                result = (await _accounts.OpenSessionAsync(accountId, role, null, cancellationToken), null);
            }
            catch (AccountMismatchException e)
            {
                result = (null, e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException && AwsErrorDescriber.Describe(e) is { } failure)
            {
                result = (null, AccountConnections.DescribeOpenFailure(role, failure));
            }
        }

        _opened[accountId] = result;
        return result;
    }

    /// <summary>
    /// The role an earlier run acted as, from its caller ARN (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION), for undo
    /// and verify of a journal; null for a run made directly. A role path is not in that ARN: --role-name overrides.
    /// </summary>
    public static string? RoleFromCaller(string? callerArn)
    {
        var parts = callerArn?.Split(':', 6);
        if (parts is not { Length: 6 } || parts[2] != "sts" || !parts[5].StartsWith("assumed-role/", StringComparison.Ordinal))
        {
            return null;
        }

        var role = parts[5]["assumed-role/".Length..].Split('/')[0];
        return role.Length == 0 ? null : $"arn:{parts[1]}:iam::{parts[4]}:role/{role}";
    }

    public void Dispose()
    {
        _accounts.Dispose();
        _hub.Dispose();
    }
}
