using KeyWarden.Aws;
using KeyWarden.Cli.Settings;

namespace KeyWarden.Cli;

/// <summary>Turns the CLI's --profile / --region / --endpoint-url into a connection; configuration errors exit 3.</summary>
internal static class AwsClientFactory
{
    public static AwsConnection Connect(AwsSettings settings)
    {
        try
        {
            return AwsConnectionFactory.Create(new AwsConnectionOptions(settings.Profile, settings.Region, settings.EndpointUrl));
        }
        catch (Exception e) when (AwsErrorDescriber.Describe(e) is { } failure)
        {
            throw KeyWardenException.Aws(failure.OneLineMessage, e);
        }
    }

    /// <summary>What the report names as the place the data came from: the endpoint, never credentials.</summary>
    public static string Location(AwsConnection connection) =>
        connection.Settings.IamEndpoint ?? $"IAM ({connection.Settings.Region} partition endpoint)";
}
