using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace KeyWarden.Aws.SecurityHub.Internal;

/// <summary>Pipeline handler that feeds <see cref="SecurityHubEndpointProvider"/> from the client configuration.</summary>
public sealed class SecurityHubEndpointResolver : BaseEndpointResolver
{
    protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext)
    {
        var config = requestContext.ClientConfig;
        var result = new SecurityHubEndpointParameters
        {
            Region = requestContext.Request.AlternateEndpoint?.SystemName ?? config.RegionEndpoint?.SystemName,
            UseFIPS = config.UseFIPSEndpoint,
            Endpoint = config.ServiceURL,
        };
        if (config.RegionEndpoint == null && !string.IsNullOrEmpty(config.ServiceURL))
        {
            // A custom endpoint carries no region of its own: sign with the one the caller chose.
            result.Region = string.IsNullOrEmpty(config.AuthenticationRegion) ? "us-east-1" : config.AuthenticationRegion;
        }
        return result;
    }
}
