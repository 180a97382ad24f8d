using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Model;

public sealed class ListAccessKeysResponse : AmazonWebServiceResponse
{
    public List<AccessKeyMetadata> AccessKeyMetadata { get; set; } = [];
    public bool IsTruncated { get; set; }
    public string? Marker { get; set; }
}
