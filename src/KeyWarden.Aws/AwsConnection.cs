using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Sts;

namespace KeyWarden.Aws;

/// <summary>The clients for one AWS account/credential set, built by <see cref="AwsConnectionFactory"/>.</summary>
public sealed class AwsConnection : IDisposable
{
    private readonly IamClient iam;
    private readonly StsCallerIdentityClient sts;
    private readonly IamConfig iamConfig;
    private readonly AWSCredentials? explicitCredentials;

    internal AwsConnection(IamClient iam, IamConfig iamConfig, StsCallerIdentityClient sts, AWSCredentials? explicitCredentials, AwsResolvedSettings settings)
    {
        this.iam = iam;
        this.iamConfig = iamConfig;
        this.sts = sts;
        this.explicitCredentials = explicitCredentials;
        Settings = settings;
    }

    public IIamClient Iam => iam;

    public ICallerIdentityClient Sts => sts;

    /// <summary>Profile, region and endpoints in use.</summary>
    public AwsResolvedSettings Settings { get; }

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
    /// each source profile's key. Deactivating any of them would cut this run (or its next refresh) off.
    /// </summary>
    public async Task<IReadOnlyList<string>> GetCallerAccessKeyIdsAsync(CancellationToken cancellationToken = default)
    {
        var ids = new List<string>();
        if (await GetCallerAccessKeyIdAsync(cancellationToken).ConfigureAwait(false) is { } signing)
        {
            ids.Add(signing);
        }

        var credentials = explicitCredentials
            ?? await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(iamConfig).WaitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in await SourceAccessKeyIdsAsync(credentials, cancellationToken).ConfigureAwait(false))
        {
            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids;
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
        iam.Changes?.Dispose();
        iam.Dispose();
        sts.Dispose();
    }
}
