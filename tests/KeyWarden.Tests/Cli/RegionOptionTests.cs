namespace KeyWarden.Tests.Cli;

public sealed class RegionOptionTests
{
    [Theory]
    [InlineData("us-isox-east-1")]
    [InlineData("xx-foo-1")]
    public async Task An_unknown_region_is_an_input_error_even_offline(string region)
    {
        var result = await CliRunner.RunAsync("audit", "--credential-report", TestData.FixturePath("sample-report.csv"), "--region", region);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"unknown AWS region '{region}'", result.Stderr);
    }

    [Theory]
    [InlineData("us-iso-east-1")]
    [InlineData("eusc-de-east-1")]
    [InlineData("eu-isoe-west-1")]
    public async Task A_region_of_any_partition_is_accepted(string region)
    {
        var result = await CliRunner.RunAsync("audit", "--credential-report", TestData.FixturePath("sample-report.csv"), "--region", region, "--format", "json");

        Assert.NotEqual(2, result.ExitCode);
    }
}
