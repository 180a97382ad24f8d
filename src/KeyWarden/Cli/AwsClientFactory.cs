using KeyWarden.Aws;
using KeyWarden.Cli.Settings;
using KeyWarden.Common;

namespace KeyWarden.Cli;

/// <summary>
/// Turns the CLI's --profile / --region / --endpoint-url into a connection; a region of no partition exits 2, other
/// configuration errors exit 3. The credentials each request signs with are handed to the process's redactor.
/// </summary>
internal static class AwsClientFactory
{
    public static AwsConnection Connect(AwsSettings settings)
    {
        try
        {
            return AwsConnectionFactory.Create(
                new AwsConnectionOptions(settings.Profile, settings.Region, settings.EndpointUrl),
                secretSink: SecretRedactor.Process.Add);
        }
        catch (AwsUnknownRegionException e)
        {
            throw KeyWardenException.Input(e.Message, e);
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
