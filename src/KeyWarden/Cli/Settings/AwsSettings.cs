using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

/// <summary>How to reach AWS, like the AWS CLI: shared by every command that calls IAM.</summary>
public class AwsSettings : CommonSettings
{
    [CommandOption("--profile <NAME>")]
    [Description("AWS profile from the shared config/credentials files (default: AWS_PROFILE, then the default chain).")]
    public string? Profile { get; init; }

    [CommandOption("--region <REGION>")]
    [Description("AWS region, used to pick the partition (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's, else us-east-1).")]
    public string? Region { get; init; }

    [CommandOption("--endpoint-url <URL>")]
    [Description("Send every service's requests (IAM, STS, Organizations, Security Hub) to this URL (e.g. an emulator). Default: AWS_ENDPOINT_URL_<SERVICE> / AWS_ENDPOINT_URL, else AWS.")]
    public string? EndpointUrl { get; init; }

    [CommandOption("--max-concurrency <N>")]
    [Description("Most IAM requests in flight at once per account.")]
    [DefaultValue(8)]
    public int MaxConcurrency { get; init; } = 8;

    public override ValidationResult Validate()
    {
        if (OptionRange.Check("--max-concurrency", MaxConcurrency, 1, 64) is { } outOfRange)
        {
            return outOfRange;
        }

        // Also offline, where it only names the region of ASFF/OCSF findings: a typo is an error, never "commercial".
        if (!string.IsNullOrWhiteSpace(Region) && Common.AwsPartitionNames.OfRegion(Region) is null)
        {
            return ValidationResult.Error($"--region: unknown AWS region '{Region.Trim()}': it belongs to none of the partitions {string.Join(", ", Common.AwsPartitionNames.All)}");
        }

        return base.Validate();
    }
}
