using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Organizations;
using KeyWarden.Aws.SecurityHub;
using KeyWarden.Aws.Sts;

namespace KeyWarden.Aws;

/// <summary>
/// The clients for one AWS account/credential set, built by <see cref="AwsConnectionFactory"/> (the hub) or by
/// <see cref="AssumeRoleAsync"/> (a role session in another account, signed with that role's credentials).
/// </summary>
public sealed class AwsConnection : IDisposable
{
    private readonly IamClient iam;
    private readonly IAmazonSecurityTokenService stsService;
    private readonly StsCallerIdentityClient sts;
    private readonly IamConfig iamConfig;
    private readonly AWSCredentials? explicitCredentials;
    private readonly Func<OrganizationsClient> newOrganizations;
    private readonly Func<SecurityHubClient> newSecurityHub;
    private readonly Func<AWSCredentials, AwsConnection?, AwsConnection> connectWith;
    private readonly Action<string>? secretSink;
    private readonly AwsConnection? hub;
    private readonly Lock organizationsGate = new();
    private OrganizationsClient? organizations;
    private SecurityHubClient? securityHub;
    private bool disposed;

    internal AwsConnection(
        IamClient iam,
        IamConfig iamConfig,
        IAmazonSecurityTokenService stsService,
        AWSCredentials? explicitCredentials,
        AwsResolvedSettings settings,
        Func<OrganizationsClient> newOrganizations,
        Func<SecurityHubClient> newSecurityHub,
        Func<AWSCredentials, AwsConnection?, AwsConnection> connectWith,
        Action<string>? secretSink,
        AwsConnection? hub)
    {
        this.iam = iam;
        this.iamConfig = iamConfig;
        this.stsService = stsService;
        sts = new StsCallerIdentityClient(stsService);
        this.explicitCredentials = explicitCredentials;
        this.newOrganizations = newOrganizations;
        this.newSecurityHub = newSecurityHub;
        this.connectWith = connectWith;
        this.secretSink = secretSink;
        this.hub = hub;
        Settings = settings;
    }

    public IIamClient Iam => iam;

    public ICallerIdentityClient Sts => sts;

    /// <summary>
    /// Organizations, with the same credentials, retries and endpoint rules as <see cref="Iam"/>. Built at first use:
    /// most connections (every member account's) never call it.
    /// </summary>
    public IOrganizationsClient Organizations
    {
        get
        {
            lock (organizationsGate)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                return organizations ??= newOrganizations();
            }
        }
    }

    /// <summary>
    /// Security Hub in the connection's region (findings are regional), with the same credentials and retries as
    /// <see cref="Iam"/>. Built at first use: only a run that imports findings calls it.
    /// </summary>
    public ISecurityHubClient SecurityHub
    {
        get
        {
            lock (organizationsGate)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                return securityHub ??= newSecurityHub();
            }
        }
    }

    /// <summary>Profile, region and endpoints in use.</summary>
    public AwsResolvedSettings Settings { get; }

    /// <summary>The role this connection's credentials come from (<see cref="AssumeRoleAsync"/>), or null for the hub.</summary>
    public string? RoleArn => (explicitCredentials as AssumedRoleCredentials)?.RoleArn;

    /// <summary>
    /// The access key id of the credentials the clients sign with (for temporary credentials an ASIA… id), so
    /// remediation can refuse to deactivate the key the tool itself runs with. Only the id ever leaves this class.
    /// </summary>
    public async Task<string?> GetCallerAccessKeyIdAsync(CancellationToken cancellationToken = default)
    {
        var credentials = explicitCredentials
            ?? await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(iamConfig).WaitAsync(cancellationToken).ConfigureAwait(false);
        var resolved = await credentials.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(resolved?.AccessKey) ? null : resolved.AccessKey;
    }

    /// <summary>
    /// Every access key id the credentials rest on: the one the clients sign with and, for an assume-role chain,
    /// each source profile's key; for a role session (<see cref="AssumeRoleAsync"/>) also every key id of the hub
    /// connection it was assumed from. Deactivating any of them would cut this run (or its next refresh) off.
    /// </summary>
    public async Task<IReadOnlyList<string>> GetCallerAccessKeyIdsAsync(CancellationToken cancellationToken = default)
    {
        var ids = new List<string>();
        void Add(string id)
        {
            if (!ids.Contains(id, StringComparer.Ordinal)) ids.Add(id);
        }

        if (await GetCallerAccessKeyIdAsync(cancellationToken).ConfigureAwait(false) is { } signing)
        {
            Add(signing);
        }

        var credentials = explicitCredentials
            ?? await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(iamConfig).WaitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in await SourceAccessKeyIdsAsync(credentials, cancellationToken).ConfigureAwait(false))
        {
            Add(id);
        }

        if (hub != null)
        {
            foreach (var id in await hub.GetCallerAccessKeyIdsAsync(cancellationToken).ConfigureAwait(false))
            {
                Add(id);
            }
        }

        return ids;
    }

    /// <summary>
    /// Assumes a role (in a member account, typically) with this connection's STS client: its regional endpoint,
    /// retries (throttled AssumeRole calls are retried like every STS call) and credentials. STS is called at once, so
    /// a refusal throws here as <see cref="AwsAssumeRoleException"/> (<see cref="AwsErrorDescriber"/>: AccessDenied,
    /// naming the role). The returned connection signs IAM, STS and Organizations with the role session's
    /// credentials, renews them 5 minutes before they expire, and hands their secrets to the same secret sink as this
    /// connection. Disposing it leaves this connection open; this connection must outlive it (renewals use its STS
    /// client). Options outside STS's limits throw <see cref="ArgumentException"/> before any call.
    /// </summary>
    public async Task<AwsConnection> AssumeRoleAsync(AssumeRoleOptions options, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var credentials = await AssumedRoleCredentials.CreateAsync(stsService, options, secretSink, cancellationToken).ConfigureAwait(false);
        return connectWith(credentials, this);
    }

    /// <summary>The key ids behind an assume-role chain (source credentials, recursively); none for other credentials.</summary>
    internal static async Task<IReadOnlyList<string>> SourceAccessKeyIdsAsync(AWSCredentials credentials, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var current = credentials;
        for (var depth = 0; depth < 8 && current is AssumeRoleAWSCredentials assumed; depth++)
        {
            current = assumed.SourceCredentials;
            if (current is AssumeRoleAWSCredentials)
            {
                continue; // its own key is temporary; keep walking to the long-term key at the root of the chain
            }

            var resolved = await current.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(resolved?.AccessKey))
            {
                ids.Add(resolved.AccessKey);
            }
        }

        return ids;
    }

    public void Dispose()
    {
        lock (organizationsGate)
        {
            if (disposed) return;
            disposed = true;
            organizations?.Dispose();
            securityHub?.Dispose();
        }

        iam.Changes?.Dispose();
        iam.Dispose();
        sts.Dispose();
        // A role session's credentials are this connection's own; the hub (and its STS client they renew with) stays open.
        if (hub != null) (explicitCredentials as IDisposable)?.Dispose();
    }
}
