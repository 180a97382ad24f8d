namespace KeyWarden.Tests.Cli;

/// <summary>`keywarden report publish`: its input errors, before any AWS call (the import itself is tested on moto).</summary>
public class ReportPublishCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("keywarden-publish-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Without_a_destination_it_is_a_usage_error_naming_the_option()
    {
        var result = await CliRunner.RunAsync(["report", "publish", Path.Combine(_dir, "report.json")]);
        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Contains("--security-hub", result.Stderr);
    }

    [Fact]
    public async Task A_missing_report_is_an_input_error_naming_it()
    {
        var missing = Path.Combine(_dir, "nope.json");
        var result = await CliRunner.RunAsync(["report", "publish", missing, "--security-hub"]);
        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Contains("nope.json", result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_file_that_is_not_a_json_report_is_an_input_error()
    {
        var path = Path.Combine(_dir, "bad.json");
        await File.WriteAllTextAsync(path, "{ not json");
        var result = await CliRunner.RunAsync(["report", "publish", path, "--security-hub"]);
        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Contains("bad.json", result.Stderr);
    }

    [Fact]
    public async Task A_region_of_no_partition_is_refused_before_anything_is_sent()
    {
        var result = await CliRunner.RunAsync(["report", "publish", Path.Combine(_dir, "report.json"), "--security-hub", "--region", "mars-east-1"]);
        Assert.Equal(ExitCodes.UsageOrInput, result.ExitCode);
        Assert.Contains("--region", result.Stderr);
    }
}
