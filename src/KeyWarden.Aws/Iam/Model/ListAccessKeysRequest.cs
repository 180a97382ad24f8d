namespace KeyWarden.Aws.Iam.Model;

public sealed class ListAccessKeysRequest : AmazonIdentityManagementServiceRequest
{
    /// <summary>Without it IAM lists the caller's own keys.</summary>
    public string? UserName { get; set; }
    public string? Marker { get; set; }
    public int? MaxItems { get; set; }
}
