namespace KeyWarden.Aws.Iam.Model;

/// <summary>
/// Changes a key's status. <see cref="UserName"/> is required here (IAM makes it optional): without it IAM acts
/// on the caller's own key, which is never what a remediation tool means.
/// </summary>
public sealed class UpdateAccessKeyRequest : AmazonIdentityManagementServiceRequest
{
    public string UserName { get; set; } = "";
    public string AccessKeyId { get; set; } = "";

    /// <summary><see cref="AccessKeyStatus.Active"/> or <see cref="AccessKeyStatus.Inactive"/>.</summary>
    public string Status { get; set; } = "";
}
