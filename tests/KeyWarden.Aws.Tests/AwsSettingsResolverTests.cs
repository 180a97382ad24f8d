namespace KeyWarden.Aws.Tests;

public sealed class AwsSettingsResolverTests
{
    private static AwsResolvedSettings Resolve(AwsConnectionOptions options, Dictionary<string, string>? env = null, params AwsProfileInfo[] profiles) =>
        AwsSettingsResolver.Resolve(options, name => env != null && env.TryGetValue(name, out var v) ? v : null,
            name => profiles.FirstOrDefault(p => p.Name == name));

    [Fact]
    public void Nothing_configured_means_us_east_1_and_partition_default_endpoints()
    {
        var s = Resolve(new());
        Assert.Equal(new AwsResolvedSettings(null, false, "us-east-1", "default", null, null), s);
    }

    [Fact]
    public void Region_precedence_is_option_then_AWS_REGION_then_AWS_DEFAULT_REGION_then_profile()
    {
        var env = new Dictionary<string, string> { ["AWS_REGION"] = "eu-west-1", ["AWS_DEFAULT_REGION"] = "eu-west-2" };
        var profile = new AwsProfileInfo("default", "eu-west-3");

        Assert.Equal("ap-south-1", Resolve(new(Region: "ap-south-1"), env, profile).Region);
        Assert.Equal(("eu-west-1", "AWS_REGION"), Pick(Resolve(new(), env, profile)));
        env.Remove("AWS_REGION");
        Assert.Equal(("eu-west-2", "AWS_DEFAULT_REGION"), Pick(Resolve(new(), env, profile)));
        env.Remove("AWS_DEFAULT_REGION");
        Assert.Equal(("eu-west-3", "profile default"), Pick(Resolve(new(), env, profile)));

        static (string, string) Pick(AwsResolvedSettings s) => (s.Region, s.RegionSource);
    }

    [Fact]
    public void Blank_values_count_as_unset()
    {
        var env = new Dictionary<string, string> { ["AWS_REGION"] = " ", ["AWS_DEFAULT_REGION"] = "", ["AWS_ENDPOINT_URL"] = "" };
        var s = Resolve(new(Profile: "", Region: "  ", EndpointUrl: ""), env);
        Assert.Equal(("us-east-1", (string?)null, (string?)null), (s.Region, s.IamEndpoint, s.Profile));
    }

    [Fact]
    public void Profile_option_wins_over_AWS_PROFILE_and_supplies_the_region()
    {
        var env = new Dictionary<string, string> { ["AWS_PROFILE"] = "envprofile" };
        var s = Resolve(new(Profile: "prod"), env, new AwsProfileInfo("prod", "cn-north-1"), new AwsProfileInfo("envprofile", "eu-west-1"));
        Assert.Equal(("prod", true, "cn-north-1"), (s.Profile, s.ProfileFromOption, s.Region));
    }

    [Fact]
    public void AWS_PROFILE_is_used_when_no_option_is_given()
    {
        var env = new Dictionary<string, string> { ["AWS_PROFILE"] = "envprofile" };
        var s = Resolve(new(), env, new AwsProfileInfo("envprofile", "eu-west-1"));
        Assert.Equal(("envprofile", false, "eu-west-1"), (s.Profile, s.ProfileFromOption, s.Region));
    }

    [Fact]
    public void Missing_profile_fails_with_a_one_line_message()
    {
        var ex = Assert.Throws<AwsProfileNotFoundException>(() => Resolve(new(Profile: "x")));
        Assert.Equal("profile 'x' not found in ~/.aws/config or ~/.aws/credentials", ex.Message);
        Assert.Throws<AwsProfileNotFoundException>(() => Resolve(new(), new() { ["AWS_PROFILE"] = "gone" }));
    }

    [Fact]
    public void Missing_default_profile_is_not_an_error()
    {
        Assert.Null(Resolve(new()).Profile);
    }

    [Fact]
    public void Endpoint_precedence_is_option_then_service_variable_then_global_variable_then_profile()
    {
        var env = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_IAM"] = "http://iam.local:1",
            ["AWS_ENDPOINT_URL_STS"] = "http://sts.local:2",
            ["AWS_ENDPOINT_URL"] = "http://all.local:3",
        };
        var profile = new AwsProfileInfo("default", null, "http://profile.local:4");

        var s = Resolve(new(EndpointUrl: "http://cli.local:9"), env, profile);
        Assert.Equal(("http://cli.local:9", "http://cli.local:9"), (s.IamEndpoint, s.StsEndpoint));

        s = Resolve(new(), env, profile);
        Assert.Equal(("http://iam.local:1", "http://sts.local:2"), (s.IamEndpoint, s.StsEndpoint));

        env.Remove("AWS_ENDPOINT_URL_IAM");
        s = Resolve(new(), env, profile);
        Assert.Equal(("http://all.local:3", "http://sts.local:2"), (s.IamEndpoint, s.StsEndpoint));

        env.Clear();
        s = Resolve(new(), env, profile);
        Assert.Equal(("http://profile.local:4", "http://profile.local:4"), (s.IamEndpoint, s.StsEndpoint));
    }

    [Fact]
    public void Ignore_configured_endpoint_urls_keeps_only_the_option()
    {
        var env = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "http://all.local:3", ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true" };
        Assert.Null(Resolve(new(), env).IamEndpoint);
        Assert.Equal("http://cli.local:9", Resolve(new(EndpointUrl: "http://cli.local:9"), env).IamEndpoint);
    }

    [Theory]
    [InlineData("127.0.0.1:5000")]
    [InlineData("ftp://host")]
    [InlineData("not a url")]
    public void Invalid_endpoint_url_is_rejected(string url)
    {
        var ex = Assert.Throws<AwsConfigurationException>(() => Resolve(new(EndpointUrl: url)));
        Assert.StartsWith($"invalid endpoint URL '{url}'", ex.Message);
    }
}
