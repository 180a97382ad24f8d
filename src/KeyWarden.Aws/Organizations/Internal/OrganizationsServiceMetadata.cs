using Amazon.Runtime.Internal;

namespace KeyWarden.Aws.Organizations.Internal;

public sealed class OrganizationsServiceMetadata : IServiceMetadata
{
    public string ServiceId => OrganizationsConfig.ServiceId;

    public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>();
}
