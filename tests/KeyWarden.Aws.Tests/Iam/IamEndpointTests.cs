using Amazon;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;

namespace KeyWarden.Aws.Tests.Iam;

public sealed class IamEndpointTests
{
    [Theory]
    [InlineData("us-east-1", "https://iam.amazonaws.com", "us-east-1", "aws")]
    [InlineData("eu-central-1", "https://iam.amazonaws.com", "us-east-1", "aws")]
    [InlineData("ap-southeast-2", "https://iam.amazonaws.com", "us-east-1", "aws")]
    [InlineData("cn-north-1", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1", "aws-cn")]
    [InlineData("cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1", "aws-cn")]
    [InlineData("us-gov-west-1", "https://iam.us-gov.amazonaws.com", "us-gov-west-1", "aws-us-gov")]
    [InlineData("us-gov-east-1", "https://iam.us-gov.amazonaws.com", "us-gov-west-1", "aws-us-gov")]
    public void Every_region_of_a_partition_maps_to_its_endpoint_and_signing_region(string region, string url, string signingRegion, string partition)
    {
        var p = IamPartition.ForRegion(region);
        Assert.Equal((partition, url, signingRegion), (p.Name, p.Endpoint, p.SigningRegion));

        var config = new IamConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region) };
        var endpoint = config.DetermineServiceOperationEndpoint(new(new ListUsersRequest()));
        Assert.Equal(url + "/", endpoint.URL);
        var scheme = Assert.Single((System.Collections.IList)endpoint.Attributes["authSchemes"]);
        var bag = (Amazon.Runtime.Endpoints.PropertyBag)scheme!;
        Assert.Equal("sigv4", bag["name"]);
        Assert.Equal("iam", bag["signingName"]);
        Assert.Equal(signingRegion, bag["signingRegion"]);
    }

    [Theory]
    [InlineData("us-iso-east-1", "aws-iso", "https://iam.us-iso-east-1.c2s.ic.gov", "us-iso-east-1", "c2s.ic.gov")]
    [InlineData("us-iso-west-1", "aws-iso", "https://iam.us-iso-east-1.c2s.ic.gov", "us-iso-east-1", "c2s.ic.gov")]
    [InlineData("us-isob-east-1", "aws-iso-b", "https://iam.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1", "sc2s.sgov.gov")]
    [InlineData("eu-isoe-west-1", "aws-iso-e", "https://iam.eu-isoe-west-1.cloud.adc-e.uk", "eu-isoe-west-1", "cloud.adc-e.uk")]
    [InlineData("us-isof-east-1", "aws-iso-f", "https://iam.us-isof-south-1.csp.hci.ic.gov", "us-isof-south-1", "csp.hci.ic.gov")]
    [InlineData("eusc-de-east-1", "aws-eusc", "https://iam.eusc-de-east-1.amazonaws.eu", "eusc-de-east-1", "amazonaws.eu")]
    [InlineData("cn-north-1", "aws-cn", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1", "amazonaws.com.cn")]
    [InlineData("us-gov-east-1", "aws-us-gov", "https://iam.us-gov.amazonaws.com", "us-gov-west-1", "amazonaws.com")]
    [InlineData("eu-west-1", "aws", "https://iam.amazonaws.com", "us-east-1", "amazonaws.com")]
    public void Iam_and_sts_of_every_partition_stay_in_it(string region, string partition, string iamUrl, string signingRegion, string dnsSuffix)
    {
        var table = AwsPartitions.ForKnownRegion(region);
        Assert.Equal((partition, iamUrl, signingRegion, dnsSuffix), (table.Name, table.IamEndpoint, table.IamSigningRegion, table.DnsSuffix));

        var iam = new IamConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region) }.DetermineServiceOperationEndpoint(new(new ListUsersRequest()));
        Assert.Equal(iamUrl + "/", iam.URL);

        var sts = new Amazon.SecurityToken.AmazonSecurityTokenServiceConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region) }
            .DetermineServiceOperationEndpoint(new(new Amazon.SecurityToken.Model.GetCallerIdentityRequest()));
        Assert.EndsWith("." + dnsSuffix, new Uri(sts.URL).Host);
        if (partition != "aws") Assert.DoesNotContain("sts.amazonaws.com", sts.URL);
    }

    [Theory]
    [InlineData("us-iso-east-1", "us-iso-east-1")]
    [InlineData("us-isob-east-1", "us-isob-east-1")]
    [InlineData("eu-isoe-west-1", "eu-isoe-west-1")]
    [InlineData("us-isof-east-1", "us-isof-south-1")]
    [InlineData("eusc-de-east-1", "eusc-de-east-1")]
    [InlineData("cn-northwest-1", "cn-north-1")]
    [InlineData("us-gov-east-1", "us-gov-west-1")]
    [InlineData("ap-southeast-2", "us-east-1")]
    public async Task On_the_wire_iam_signs_for_its_partition_and_sts_for_the_region(string region, string iamSigningRegion)
    {
        using var server = new StubAwsServer()
            .Respond(200, "<ListUsersResponse><ListUsersResult><IsTruncated>false</IsTruncated></ListUsersResult></ListUsersResponse>")
            .Respond(200, "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/ops</Arn><UserId>AIDAX</UserId><Account>111122223333</Account></GetCallerIdentityResult></GetCallerIdentityResponse>");
        var env = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = server.Url, ["AWS_REGION"] = region };
        using var connection = AwsConnectionFactory.Create(new AwsConnectionOptions(), n => env.GetValueOrDefault(n), new Amazon.Runtime.BasicAWSCredentials("AKIAWIRE", "wire-secret"));

        await connection.Iam.ListUsersAsync(new ListUsersRequest());
        await connection.Sts.GetCallerIdentityAsync();

        Assert.Contains($"/{iamSigningRegion}/iam/aws4_request", server.Requests[0].Authorization);
        Assert.Contains($"/{region}/sts/aws4_request", server.Requests[1].Authorization);
    }

    [Fact]
    public void The_partition_table_is_the_sdks_and_has_every_partition_the_issue_names()
    {
        Assert.Equal(
            ["aws", "aws-cn", "aws-eusc", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-us-gov"],
            AwsPartitions.Names.Order(StringComparer.Ordinal));
        Assert.Equal("aws", AwsPartitions.All[0].Name);
        Assert.Equal("aws-cn", AwsPartitions.ForRegion("aws-cn-global")!.Name);
        // A region newer than the SDK's list still belongs to its partition by the SDK's region pattern.
        Assert.Equal("aws-iso-b", AwsPartitions.ForRegion("us-isob-south-7")!.Name);
    }

    [Theory]
    [InlineData("xx-foo-1")]
    [InlineData("mars-north-1")]
    [InlineData("useast1")]
    public void An_unknown_region_is_refused_never_sent_to_the_commercial_endpoint(string region)
    {
        Assert.Null(AwsPartitions.ForRegion(region));
        Assert.Throws<AwsUnknownRegionException>(() => IamPartition.ForRegion(region));
        var ex = Assert.Throws<AwsUnknownRegionException>(() =>
            AwsSettingsResolver.Resolve(new AwsConnectionOptions(Region: region), _ => null, _ => null));
        Assert.Contains(region, ex.Message);
        Assert.Contains("aws-iso-f", ex.Message);

        var config = new IamConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region) };
        Assert.ThrowsAny<Exception>(() => config.DetermineServiceOperationEndpoint(new(new ListUsersRequest())));
    }

    [Fact]
    public void Custom_endpoint_wins_over_the_partition()
    {
        var config = new IamConfig { ServiceURL = "http://127.0.0.1:5000", AuthenticationRegion = "us-east-1" };
        Assert.Equal("http://127.0.0.1:5000/", config.DetermineServiceOperationEndpoint(new(new ListUsersRequest())).URL);
    }

    [Fact]
    public void Config_identifies_the_service()
    {
        var config = new IamConfig();
        Assert.Equal("IAM", IamConfig.ServiceId);
        Assert.Equal("iam", config.AuthenticationServiceName);
        Assert.Equal("iam", config.RegionEndpointServiceName);
        Assert.Equal("2010-05-08", config.ServiceVersion);
    }

    [Fact]
    public async Task Requests_to_a_china_region_are_signed_for_cn_north_1()
    {
        // The endpoint resolver picks the partition's signing region; the stub stands in for the endpoint.
        using var server = new StubAwsServer().Respond(200, "<ListUsersResponse><ListUsersResult><IsTruncated>false</IsTruncated></ListUsersResult></ListUsersResponse>");
        var config = new IamConfig { ServiceURL = server.Url, AuthenticationRegion = IamPartition.ForRegion("cn-northwest-1").SigningRegion, MaxErrorRetry = 0 };
        using var client = new IamClient(new Amazon.Runtime.BasicAWSCredentials("AKIA1", "s"), config);
        await client.ListUsersAsync(new ListUsersRequest());
        Assert.Contains("/cn-north-1/iam/aws4_request", Assert.Single(server.Requests).Authorization);
    }
}
