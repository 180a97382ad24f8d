using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace KeyWarden.Aws.Sts;

/// <summary><see cref="ICallerIdentityClient"/> over AWSSDK.SecurityToken's client.</summary>
public sealed class StsCallerIdentityClient : ICallerIdentityClient, IDisposable
{
    private readonly IAmazonSecurityTokenService sts;

    public StsCallerIdentityClient(IAmazonSecurityTokenService sts) => this.sts = sts ?? throw new ArgumentNullException(nameof(sts));

    public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken = default)
    {
        var response = await EndpointFailures.Translate(
            "STS",
            () => sts.DetermineServiceOperationEndpoint(new GetCallerIdentityRequest()).URL,
            () => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken),
            cancellationToken).ConfigureAwait(false);
        return new CallerIdentity(response.Account ?? "", response.Arn ?? "", response.UserId ?? "");
    }

    public void Dispose() => sts.Dispose();
}
