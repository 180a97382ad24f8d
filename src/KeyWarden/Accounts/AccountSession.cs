using KeyWarden.Aws;
using KeyWarden.Aws.Sts;

namespace KeyWarden.Accounts;

/// <summary>
/// The clients for one account and who they act as there (STS, asked in that account). <see cref="RoleArn"/> is the
/// role assumed to get there; null for the credentials' own account.
/// </summary>
public sealed record AccountSession(AwsConnection Connection, CallerIdentity Identity, string? RoleArn);
