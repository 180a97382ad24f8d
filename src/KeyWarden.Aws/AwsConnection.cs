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

    public void Dispose()
    {
        iam.Dispose();
        sts.Dispose();
    }
}
