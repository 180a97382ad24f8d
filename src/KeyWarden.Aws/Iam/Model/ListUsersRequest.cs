namespace KeyWarden.Aws.Iam.Model;

public sealed class ListUsersRequest : AmazonIdentityManagementServiceRequest
{
    public string? PathPrefix { get; set; }

    /// <summary>Opaque token from the previous page's <see cref="ListUsersResponse.Marker"/>.</summary>
    public string? Marker { get; set; }

    /// <summary>1–1000; IAM defaults to 100.</summary>
    public int? MaxItems { get; set; }
}
