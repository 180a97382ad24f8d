using Amazon.Runtime.Internal;

namespace KeyWarden.Aws.Iam.Internal;

public sealed class IamServiceMetadata : IServiceMetadata
{
    public string ServiceId => IamConfig.ServiceId;

    public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>();
}
