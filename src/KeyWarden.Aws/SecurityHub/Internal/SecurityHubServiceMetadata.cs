using Amazon.Runtime.Internal;

namespace KeyWarden.Aws.SecurityHub.Internal;

public sealed class SecurityHubServiceMetadata : IServiceMetadata
{
    public string ServiceId => SecurityHubConfig.ServiceId;

    public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>();
}
