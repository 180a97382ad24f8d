namespace KeyWarden.Aws;

/// <summary>
/// What <see cref="AwsConnection.AssumeRoleAsync"/> asks STS for. <paramref name="Duration"/> null = STS's default (1 h);
/// otherwise 15 min to 12 h, and no longer than the role's maximum session (1 h when the hub itself runs on a role).
/// </summary>
public sealed record AssumeRoleOptions(string RoleArn, string RoleSessionName, string? ExternalId = null, TimeSpan? Duration = null)
{
    /// <summary>STS's bounds on DurationSeconds.</summary>
    public static readonly TimeSpan ShortestDuration = TimeSpan.FromSeconds(900);

    public static readonly TimeSpan LongestDuration = TimeSpan.FromSeconds(43200);
}
