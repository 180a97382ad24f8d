namespace KeyWarden.Aws;

/// <summary>A profile named by <c>--profile</c> or <c>AWS_PROFILE</c> exists in neither shared file.</summary>
public sealed class AwsProfileNotFoundException : AwsConfigurationException
{
    public AwsProfileNotFoundException(string profile)
        : base($"profile '{profile}' not found in ~/.aws/config or ~/.aws/credentials") => Profile = profile;

    public string Profile { get; }
}
