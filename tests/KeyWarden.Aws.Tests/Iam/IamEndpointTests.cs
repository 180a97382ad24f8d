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
