using Amazon.Runtime;

namespace KeyWarden.Aws.Iam.Model;

public sealed class ListUsersResponse : AmazonWebServiceResponse
{
    public List<User> Users { get; set; } = [];

    /// <summary>More pages follow; a page may hold fewer than MaxItems items while truncated.</summary>
    public bool IsTruncated { get; set; }

    public string? Marker { get; set; }
}
