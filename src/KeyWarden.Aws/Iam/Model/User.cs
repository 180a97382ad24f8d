namespace KeyWarden.Aws.Iam.Model;

/// <summary>An IAM user as ListUsers returns it.</summary>
public sealed class User
{
    public string Path { get; set; } = "";
    public string UserName { get; set; } = "";
    public string UserId { get; set; } = "";
    public string Arn { get; set; } = "";

    /// <summary>UTC.</summary>
    public DateTime CreateDate { get; set; }

    /// <summary>UTC; null when the password was never used or there is no data (tracked since 2014-10-20).</summary>
    public DateTime? PasswordLastUsed { get; set; }
}
