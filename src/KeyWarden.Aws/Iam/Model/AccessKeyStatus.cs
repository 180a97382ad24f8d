namespace KeyWarden.Aws.Iam.Model;

/// <summary>Values of IAM's <c>statusType</c>.</summary>
public static class AccessKeyStatus
{
    public const string Active = "Active";
    public const string Inactive = "Inactive";
    public const string Expired = "Expired";

    public static bool IsActive(string? status) => string.Equals(status, Active, StringComparison.OrdinalIgnoreCase);
}
