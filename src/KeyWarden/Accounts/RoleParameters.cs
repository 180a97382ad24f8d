using System.Globalization;
using System.Text.RegularExpressions;
using KeyWarden.Common;

namespace KeyWarden.Accounts;

/// <summary>
/// The AssumeRole parameters a user gives (<c>--role-name</c>, <c>--role-session-name</c>, <c>--external-id</c>,
/// <c>--role-duration</c>), checked against IAM's and STS's own shapes (botocore's iam and sts service-2.json) before
/// any call, so a typo is a one-line exit-2 error here rather than a ValidationError from every account.
/// </summary>
public static partial class RoleParameters
{
    public const string DefaultRoleName = "OrganizationAccountAccessRole";

    public const string DefaultSessionName = "keywarden";

    /// <summary>AssumeRole's DurationSeconds bounds (sts roleDurationSecondsType); the role's own maximum may be lower.</summary>
    public static readonly TimeSpan MinDuration = TimeSpan.FromSeconds(900);

    public static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(43200);

    /// <summary>
    /// <c>arn:{partition}:iam::{accountId}:role/{path/}name</c>. <paramref name="roleNameOrPath"/> is a role name or
    /// <c>path/name</c> (a leading '/' is allowed and dropped); it is checked like <see cref="ValidateRoleName"/>.
    /// </summary>
    public static string RoleArn(string partition, string accountId, string roleNameOrPath)
    {
        if (!AwsPartitionNames.IsKnown(partition))
        {
            throw new ArgumentException($"unknown partition '{partition}'", nameof(partition));
        }

        if (!AccountIds.IsValid(accountId))
        {
            throw new ArgumentException($"'{accountId}' is not a 12-digit account id", nameof(accountId));
        }

        ValidateRoleName(roleNameOrPath);
        return $"arn:{partition}:iam::{accountId}:role/{roleNameOrPath.TrimStart('/')}";
    }

    public static void ValidateRoleName(string value) => ThrowIf("--role-name", RoleNameProblem(value));

    public static void ValidateSessionName(string value) => ThrowIf("--role-session-name", SessionNameProblem(value));

    public static void ValidateExternalId(string value) => ThrowIf("--external-id", ExternalIdProblem(value));

    /// <summary>
    /// Seconds as "3600" or "3600s", or hours/minutes/seconds as "60m", "1h", "1h30m", "1h0m30s" (each unit at most
    /// once, in that order); 900 to 43200 seconds, whole seconds only.
    /// </summary>
    public static TimeSpan ParseDuration(string text)
    {
        var match = DurationPattern().Match(text.Trim());
        if (text.Trim().Length == 0 || !match.Success)
        {
            throw KeyWardenException.Input($"--role-duration: {AccountIds.Echo(text)} is not a duration (3600, 3600s, 60m, 1h, 1h30m)");
        }

        long Part(string group, long scale) =>
            match.Groups[group].Success ? long.Parse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture) * scale : 0;

        var seconds = Part("h", 3600) + Part("m", 60) + Part("s", 1) + Part("bare", 1);
        if (seconds < MinDuration.TotalSeconds || seconds > MaxDuration.TotalSeconds)
        {
            throw KeyWardenException.Input(
                $"--role-duration: {text.Trim()} is {seconds} seconds; AssumeRole takes {MinDuration.TotalSeconds} (15m) to {MaxDuration.TotalSeconds} (12h)");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>
    /// Why a role name (or <c>path/name</c>) is not one IAM accepts, or null: the name is 1-64 of
    /// <c>[A-Za-z0-9_+=,.@-]</c> (iam roleNameType); a path is printable ASCII without spaces, at most 512 characters
    /// with its slashes (iam pathType), and no empty segment.
    /// </summary>
    internal static string? RoleNameProblem(string value)
    {
        if (value.StartsWith("arn:", StringComparison.OrdinalIgnoreCase))
        {
            return $"{AccountIds.Echo(value)} is an ARN; give a role name (or path/name), and put per-account role ARNs in an accounts file";
        }

        var trimmed = value.StartsWith('/') ? value[1..] : value;
        var slash = trimmed.LastIndexOf('/');
        var name = trimmed[(slash + 1)..];
        if (name.Length is < 1 or > 64 || !NamePattern().IsMatch(name))
        {
            return $"{AccountIds.Echo(value)} is not a role name (1-64 of letters, digits and _+=,.@-, optionally after a path/)";
        }

        if (slash >= 0)
        {
            var path = trimmed[..slash];
            if (path.Length + 2 > 512 || !PathPattern().IsMatch(path) || path.Split('/').Any(segment => segment.Length == 0))
            {
                return $"{AccountIds.Echo(value)}: the role path is not an IAM path (printable ASCII without spaces or empty segments, at most 512 characters)";
            }
        }

        return null;
    }

    /// <summary>Why a session name is not one STS accepts (sts roleSessionNameType: 2-64 of [\w+=,.@-]), or null.</summary>
    internal static string? SessionNameProblem(string value) =>
        value.Length is >= 2 and <= 64 && NamePattern().IsMatch(value)
            ? null
            : $"{AccountIds.Echo(value)} is not a session name (2-64 of letters, digits and _+=,.@-)";

    /// <summary>Why an external id is not one STS accepts (sts externalIdType: 2-1224 of [\w+=,.@:/-]), or null.</summary>
    internal static string? ExternalIdProblem(string value) =>
        value.Length is >= 2 and <= 1224 && ExternalIdPattern().IsMatch(value)
            ? null
            : $"{AccountIds.Echo(value)} is not an external id (2-1224 of letters, digits and _+=,.@:/-)";

    private static void ThrowIf(string option, string? problem)
    {
        if (problem is not null)
        {
            throw KeyWardenException.Input($"{option}: {problem}");
        }
    }

    // AWS's patterns are Java regexes, where \w is ASCII [A-Za-z0-9_]; .NET's \w would also admit other scripts' letters.
    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]+\z")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@:/-]+\z")]
    private static partial Regex ExternalIdPattern();

    [GeneratedRegex(@"^[\u0021-\u007E]+\z")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"^(?:(?<bare>[0-9]{1,6})|(?=[0-9])(?:(?<h>[0-9]{1,3})h)?(?:(?<m>[0-9]{1,5})m)?(?:(?<s>[0-9]{1,6})s)?)\z", RegexOptions.IgnoreCase)]
    private static partial Regex DurationPattern();
}
