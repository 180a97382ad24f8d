namespace KeyWarden.Aws.Iam.Model;

public sealed class GetAccessKeyLastUsedRequest : AmazonIdentityManagementServiceRequest
{
    public string AccessKeyId { get; set; } = "";
}
