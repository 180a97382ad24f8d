namespace KeyWarden.Aws;

/// <summary>An AWS-related failure in the tool's terms: a kind to branch on, the AWS error code, one line for humans.</summary>
public sealed record AwsFailure(AwsFailureKind Kind, string Code, string OneLineMessage);
