using Amazon.Runtime;

namespace KeyWarden.Aws.Tests;

/// <summary>Which attempts and retry mode a connection gets, and from which setting.</summary>
public sealed class AwsRetrySettingsTests
{
    private static AwsResolvedSettings Resolve(AwsConnectionOptions options, Dictionary<string, string>? env = null, params AwsProfileInfo[] profiles) =>
        AwsSettingsResolver.Resolve(options, name => env != null && env.TryGetValue(name, out var v) ? v : null,
            name => profiles.FirstOrDefault(p => p.Name == name));

    [Fact]
    public void Nothing_configured_means_ten_attempts_in_standard_mode()
    {
        var s = Resolve(new());
        Assert.Equal((10, "standard", "default"), (s.MaxAttempts, s.RetryMode, s.RetrySource));
    }

    [Fact]
    public void The_profile_named_by_the_option_supplies_max_attempts_and_retry_mode_not_AWS_PROFILEs()
    {
        var env = new Dictionary<string, string> { ["AWS_PROFILE"] = "envprofile" };
        var s = Resolve(new(Profile: "audit"), env,
            new AwsProfileInfo("audit", null, MaxAttempts: 17, RetryMode: "adaptive"),
            new AwsProfileInfo("envprofile", null, MaxAttempts: 3, RetryMode: "standard"));

        Assert.Equal((17, "adaptive", "profile audit"), (s.MaxAttempts, s.RetryMode, s.RetrySource));
    }

    [Fact]
    public void AWS_PROFILE_or_default_profile_applies_without_the_option()
    {
        Assert.Equal(4, Resolve(new(), new() { ["AWS_PROFILE"] = "p" }, new AwsProfileInfo("p", null, MaxAttempts: 4)).MaxAttempts);
        Assert.Equal(6, Resolve(new(), null, new AwsProfileInfo("default", null, MaxAttempts: 6)).MaxAttempts);
    }

    [Fact]
    public void A_profile_without_max_attempts_gets_the_ten_attempt_default()
    {
        var s = Resolve(new(Profile: "audit"), null, new AwsProfileInfo("audit", "eu-west-1"));
        Assert.Equal((10, "standard"), (s.MaxAttempts, s.RetryMode));
    }

    [Fact]
    public void The_environment_wins_over_the_profile()
    {
        var env = new Dictionary<string, string> { ["AWS_MAX_ATTEMPTS"] = "20", ["AWS_RETRY_MODE"] = "standard" };
        var s = Resolve(new(Profile: "audit"), env, new AwsProfileInfo("audit", null, MaxAttempts: 2, RetryMode: "adaptive"));
        Assert.Equal((20, "standard", "AWS_MAX_ATTEMPTS"), (s.MaxAttempts, s.RetryMode, s.RetrySource));
    }

    [Theory]
    [InlineData("legacy", "standard")]
    [InlineData("Adaptive", "adaptive")]
    public void Retry_mode_names_are_read_as_the_cli_reads_them(string given, string mode) =>
        Assert.Equal(mode, Resolve(new(), new() { ["AWS_RETRY_MODE"] = given }).RetryMode);

    [Theory]
    [InlineData("AWS_MAX_ATTEMPTS", "0")]
    [InlineData("AWS_MAX_ATTEMPTS", "ten")]
    [InlineData("AWS_MAX_ATTEMPTS", "1000")]
    [InlineData("AWS_RETRY_MODE", "fast")]
    public void Unusable_retry_settings_are_one_line_errors(string variable, string value)
    {
        var ex = Assert.Throws<AwsConfigurationException>(() => Resolve(new(), new() { [variable] = value }));
        Assert.StartsWith(variable, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Iam_and_sts_configs_get_the_resolved_attempts_and_mode_without_the_sdks_quota()
    {
        var config = new KeyWarden.Aws.Iam.IamConfig();
        AwsConnectionFactory.ApplyRetries(config, Resolve(new(), new() { ["AWS_MAX_ATTEMPTS"] = "7", ["AWS_RETRY_MODE"] = "adaptive" }));

        Assert.Equal((6, RequestRetryMode.Adaptive, false), (config.MaxErrorRetry, config.RetryMode, config.ThrottleRetries));
    }
}
