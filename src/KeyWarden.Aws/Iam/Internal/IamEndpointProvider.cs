using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;

namespace KeyWarden.Aws.Iam.Internal;

/// <summary>
/// Resolves IAM's endpoint: a custom endpoint wins; otherwise the region's partition decides the URL and the
/// signing region (IAM's rule set maps every region of a partition to one endpoint).
/// </summary>
public sealed class IamEndpointProvider : IEndpointProvider
{
    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var region = parameters["Region"] as string;
        var custom = parameters["Endpoint"] as string;
        var fips = parameters["UseFIPS"] is true;
        if (!string.IsNullOrEmpty(custom))
        {
            if (fips) throw new AmazonClientException("Invalid Configuration: FIPS and custom endpoint are not supported");
            // With a custom endpoint the caller's signing region (AuthenticationRegion) is applied by the resolver afterwards.
            return new Endpoint(custom, AuthSchemes(region ?? IamPartition.Aws.SigningRegion), null);
        }

        // An unknown region throws here: it is never sent to the commercial endpoint.
        var partition = IamPartition.ForRegion(region);

        var url = fips
            ? partition.FipsEndpoint ?? throw new AmazonClientException($"FIPS is not available for IAM in partition {partition.Name}")
            : partition.Endpoint;
        return new Endpoint(url, AuthSchemes(partition.SigningRegion), null);
    }

    private static string AuthSchemes(string signingRegion) => JsonSerializer.Serialize(new
    {
        authSchemes = new[] { new { name = "sigv4", signingName = "iam", signingRegion } },
    });
}
