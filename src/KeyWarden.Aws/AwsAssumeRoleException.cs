namespace KeyWarden.Aws;

/// <summary>
/// sts:AssumeRole failed for <see cref="RoleArn"/>, on the first call or on a refresh: refused (trust policy, missing
/// permission, wrong ExternalId), throttled past every retry, unreachable. The inner exception is the cause;
/// <see cref="AwsErrorDescriber"/> gives its kind and one line naming the role. Never carries credentials.
/// </summary>
public sealed class AwsAssumeRoleException : Exception
{
    public AwsAssumeRoleException(string roleArn, Exception cause)
        : base($"could not assume role {roleArn}", cause)
    {
        RoleArn = roleArn;
    }

    public string RoleArn { get; }
}
