using Amazon;
using Amazon.Runtime;
using KeyWarden.Aws.Organizations;
using KeyWarden.Aws.Organizations.Model;

namespace KeyWarden.Aws.Tests.Organizations;

/// <summary>Organizations' endpoint per partition as botocore's endpoint-rule-set-1.json has it, and the endpoint settings.</summary>
public sealed class OrganizationsEndpointTests
{
    [Theory]
    [InlineData("us-east-1", "https://organizations.us-east-1.amazonaws.com", "us-east-1")]
    [InlineData("eu-west-1", "https://organizations.us-east-1.amazonaws.com", "us-east-1")]
    [InlineData("ap-southeast-2", "https://organizations.us-east-1.amazonaws.com", "us-east-1")]
    [InlineData("cn-north-1", "https://organizations.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1")]
    [InlineData("cn-northwest-1", "https://organizations.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1")]
    [InlineData("us-gov-east-1", "https://organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1")]
    [InlineData("us-iso-west-1", "https://organizations.us-iso-east-1.c2s.ic.gov", "us-iso-east-1")]
    [InlineData("us-isob-east-1", "https://organizations.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1")]
    [InlineData("us-isof-east-1", "https://organizations.us-isof-south-1.csp.hci.ic.gov", "us-isof-south-1")]
    [InlineData("eu-isoe-west-1", "https://organizations.eu-isoe-west-1.cloud.adc-e.uk", "eu-isoe-west-1")]
    [InlineData("eusc-de-east-1", "https://organizations.eusc-de-east-1.amazonaws.eu", "eusc-de-east-1")]
    public void Each_partition_has_the_rule_sets_endpoint_and_signing_region(string region, string url, string signingRegion)
    {
        var config = new OrganizationsConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region) };
        var endpoint = config.DetermineServiceOperationEndpoint(new(new ListAccountsRequest()));

        Assert.Equal(url, endpoint.URL.TrimEnd('/'));
        var scheme = (Amazon.Runtime.Endpoints.PropertyBag)Assert.Single((System.Collections.IList)endpoint.Attributes["authSchemes"])!;
        Assert.Equal(("sigv4", "organizations", signingRegion), ((string)scheme["name"], (string)scheme["signingName"], (string)scheme["signingRegion"]));
    }

    [Theory]
    [InlineData("us-east-1", "https://organizations-fips.us-east-1.amazonaws.com")]
    [InlineData("us-gov-west-1", "https://organizations.us-gov-west-1.amazonaws.com")]
    public void Fips_follows_the_rule_set(string region, string url)
    {
        var config = new OrganizationsConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region), UseFIPSEndpoint = true };
        Assert.Equal(url, config.DetermineServiceOperationEndpoint(new(new ListAccountsRequest())).URL.TrimEnd('/'));
    }

    [Fact]
    public void An_unknown_region_is_refused_not_sent_to_the_commercial_endpoint()
    {
        var config = new OrganizationsConfig { RegionEndpoint = RegionEndpoint.GetBySystemName("us-isox-east-1") };
        Assert.ThrowsAny<Exception>(() => config.DetermineServiceOperationEndpoint(new(new ListAccountsRequest())));
    }

    [Fact]
    public void Endpoint_settings_are_per_service_then_global_and_the_option_sends_every_service_to_one_url()
    {
        var env = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_ORGANIZATIONS"] = "http://org.local:1",
            ["AWS_ENDPOINT_URL_SECURITYHUB"] = "http://hub.local:2",
            ["AWS_ENDPOINT_URL"] = "http://all.local:3",
        };
        AwsResolvedSettings Resolve(AwsConnectionOptions options) =>
            AwsSettingsResolver.Resolve(options, n => env.GetValueOrDefault(n), name => name == "default" ? new AwsProfileInfo("default", null, "http://profile.local:4") : null);

        var s = Resolve(new());
        Assert.Equal(("http://all.local:3", "http://all.local:3", "http://org.local:1", "http://hub.local:2"), (s.IamEndpoint, s.StsEndpoint, s.OrganizationsEndpoint, s.SecurityHubEndpoint));

        s = Resolve(new(EndpointUrl: "http://cli.local:9"));
        Assert.Equal(("http://cli.local:9", "http://cli.local:9", "http://cli.local:9", "http://cli.local:9"), (s.IamEndpoint, s.StsEndpoint, s.OrganizationsEndpoint, s.SecurityHubEndpoint));

        env.Remove("AWS_ENDPOINT_URL_ORGANIZATIONS");
        env.Remove("AWS_ENDPOINT_URL_SECURITYHUB");
        s = Resolve(new());
        Assert.Equal(("http://all.local:3", "http://all.local:3"), (s.OrganizationsEndpoint, s.SecurityHubEndpoint));

        env.Clear();
        s = Resolve(new());
        Assert.Equal(("http://profile.local:4", "http://profile.local:4"), (s.OrganizationsEndpoint, s.SecurityHubEndpoint));

        env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true";
        s = Resolve(new());
        Assert.Equal(((string?)null, (string?)null), (s.OrganizationsEndpoint, s.SecurityHubEndpoint));

        env["AWS_ENDPOINT_URL_ORGANIZATIONS"] = "not a url";
        env.Remove("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
        Assert.Throws<AwsConfigurationException>(() => Resolve(new()));
    }

    [Theory]
    [InlineData("IAM", "IAM")]
    [InlineData("Organizations", "ORGANIZATIONS")]
    [InlineData("SecurityHub", "SECURITYHUB")]
    [InlineData("Elastic Beanstalk", "ELASTIC_BEANSTALK")]
    [InlineData("Route 53 Domains", "ROUTE_53_DOMAINS")]
    public void The_variable_suffix_is_the_service_id_as_botocore_spells_it(string serviceId, string suffix) =>
        Assert.Equal(suffix, AwsSettingsResolver.EndpointVariableSuffix(serviceId));

    [Fact]
    public async Task The_connections_organizations_client_goes_to_its_endpoint_with_the_connections_credentials_and_retries()
    {
        const string throttled = """{"__type":"TooManyRequestsException","Message":"slow down"}""";
        using var server = new StubAwsServer().Respond(400, throttled).Respond(400, throttled).Respond(400, throttled).Respond(400, throttled)
            .Respond(200, """{"Accounts":[{"Id":"111122223333","State":"ACTIVE"}]}""");
        var env = new Dictionary<string, string> { ["AWS_ENDPOINT_URL_ORGANIZATIONS"] = server.Url, ["AWS_REGION"] = "cn-north-1" };
        using var connection = AwsConnectionFactory.Create(new AwsConnectionOptions(), n => env.GetValueOrDefault(n), new BasicAWSCredentials("AKIAORGCONN", "org-secret"));

        Assert.Null(connection.Settings.IamEndpoint);
        Assert.Same(connection.Organizations, connection.Organizations); // one client, made once
        var response = await connection.Organizations.ListAccountsAsync(new ListAccountsRequest());

        Assert.Equal("111122223333", Assert.Single(response.Accounts).Id);
        Assert.Equal(5, server.Requests.Count); // four throttled answers ridden out: IAM's attempts, more than the SDK's default 3
        Assert.Contains("Credential=AKIAORGCONN/", server.Requests[0].Authorization);
        Assert.Contains("/cn-northwest-1/organizations/aws4_request", server.Requests[0].Authorization);
    }
}
