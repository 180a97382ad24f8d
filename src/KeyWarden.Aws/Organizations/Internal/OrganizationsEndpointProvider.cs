using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal.Endpoints.StandardLibrary;

namespace KeyWarden.Aws.Organizations.Internal;

/// <summary>
/// Resolves Organizations' endpoint as botocore's organizations endpoint-rule-set-1.json does: a custom endpoint wins;
/// in the partitions where Organizations is global, one endpoint with one signing region serves every region of the
/// partition; elsewhere (aws-iso-e, aws-eusc, partitions newer than the rule set) it is regional,
/// <c>organizations.{region}.{dnsSuffix}</c>. An unknown region throws: never sent to the commercial endpoint.
/// </summary>
public sealed class OrganizationsEndpointProvider : IEndpointProvider
{
    // The rule set's explicit (global) endpoints: partition -> (URL, FIPS URL or null when FIPS goes by the generic rule, signing region).
    private static readonly Dictionary<string, (string Url, string? Fips, string SigningRegion)> Global = new(StringComparer.Ordinal)
    {
        ["aws"] = ("https://organizations.us-east-1.amazonaws.com", "https://organizations-fips.us-east-1.amazonaws.com", "us-east-1"),
        ["aws-cn"] = ("https://organizations.cn-northwest-1.amazonaws.com.cn", null, "cn-northwest-1"),
        ["aws-us-gov"] = ("https://organizations.us-gov-west-1.amazonaws.com", "https://organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1"),
        ["aws-iso"] = ("https://organizations.us-iso-east-1.c2s.ic.gov", null, "us-iso-east-1"),
        ["aws-iso-b"] = ("https://organizations.us-isob-east-1.sc2s.sgov.gov", null, "us-isob-east-1"),
        ["aws-iso-f"] = ("https://organizations.us-isof-south-1.csp.hci.ic.gov", null, "us-isof-south-1"),
    };

    /// <summary>The endpoint and signing region for a region (no FIPS), as the rule set gives them.</summary>
    public static (string Url, string SigningRegion) ForRegion(string region) => Resolve(region, fips: false);

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
        var (url, signingRegion) = Resolve(region, fips);
        return new Endpoint(url, AuthSchemes(signingRegion), null);
    }

    private static (string Url, string SigningRegion) Resolve(string region, bool fips)
    {
        var partition = AwsPartitions.ForKnownRegion(region);
        if (Global.TryGetValue(partition.Name, out var global) && (!fips || global.Fips != null))
            return (fips ? global.Fips! : global.Url, global.SigningRegion);

        // The rule set's generic rules sign with the region itself.
        if (!fips) return ($"https://organizations.{region}.{partition.DnsSuffix}", region);
        if (Fn.Partition(region)?.supportsFIPS != true)
            throw new AmazonClientException($"FIPS is enabled but partition {partition.Name} does not support FIPS");
        return ($"https://organizations-fips.{region}.{partition.DnsSuffix}", region);
    }

    private static string AuthSchemes(string signingRegion) => JsonSerializer.Serialize(new
    {
        authSchemes = new[] { new { name = "sigv4", signingName = "organizations", signingRegion } },
    });
}
