using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal.Endpoints.StandardLibrary;

namespace KeyWarden.Aws.SecurityHub.Internal;

/// <summary>
/// Resolves Security Hub's endpoint as botocore's securityhub endpoint-rule-set-1.json does: a custom endpoint wins;
/// otherwise the service is regional in every partition, <c>securityhub.{region}.{dnsSuffix}</c> (FIPS:
/// <c>securityhub-fips.…</c>), signed with the region itself. An unknown region throws: never sent to the commercial
/// endpoint. Findings live in the region they are imported into, so the region is the run's, not a partition default.
/// </summary>
public sealed class SecurityHubEndpointProvider : IEndpointProvider
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
            return new Endpoint(custom, AuthSchemes(region ?? "us-east-1"), null);
        }

        if (string.IsNullOrEmpty(region)) throw new AmazonClientException("Invalid Configuration: Missing Region");
        return new Endpoint(Url(region, fips), AuthSchemes(region), null);
    }

    /// <summary>The endpoint for a region, as the rule set gives it.</summary>
    public static string Url(string region, bool fips = false)
    {
        var partition = AwsPartitions.ForKnownRegion(region);
        if (!fips) return $"https://securityhub.{region}.{partition.DnsSuffix}";
        if (Fn.Partition(region)?.supportsFIPS != true)
            throw new AmazonClientException($"FIPS is enabled but partition {partition.Name} does not support FIPS");
        return $"https://securityhub-fips.{region}.{partition.DnsSuffix}";
    }

    private static string AuthSchemes(string signingRegion) => JsonSerializer.Serialize(new
    {
        authSchemes = new[] { new { name = "sigv4", signingName = "securityhub", signingRegion } },
    });
}
