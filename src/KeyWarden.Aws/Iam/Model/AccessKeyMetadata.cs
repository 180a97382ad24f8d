namespace KeyWarden.Aws.Iam.Model;

/// <summary>An access key as ListAccessKeys returns it (never the secret).</summary>
public sealed class AccessKeyMetadata
{
    public string UserName { get; set; } = "";
    public string AccessKeyId { get; set; } = "";

    /// <summary><c>Active</c>, <c>Inactive</c> or <c>Expired</c>; anything but <see cref="AccessKeyStatus.Active"/> is not active.</summary>
    public string Status { get; set; } = "";

    /// <summary>UTC.</summary>
    public DateTime CreateDate { get; set; }
}
