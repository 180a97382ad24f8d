using System.Globalization;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace KeyWarden.Aws;

/// <summary>
/// Credentials of one role session, from the hub connection's STS client (its endpoint, region and retries), renewed by
/// a new AssumeRole <see cref="RefreshMargin"/> before they expire so that a long multi-account run never signs with
/// expired keys. Each new secret key and session token goes to the secret sink before any request can use it.
/// </summary>
internal sealed partial class AssumedRoleCredentials : RefreshingAWSCredentials
{
    /// <summary>How long before Expiration a new session is fetched (the SDK's own assume-role credentials use 5 min too).</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly IAmazonSecurityTokenService sts;
    private readonly AssumeRoleOptions options;
    private readonly Action<string>? secretSink;

    private AssumedRoleCredentials(IAmazonSecurityTokenService sts, AssumeRoleOptions options, Action<string>? secretSink)
    {
        this.sts = sts;
        this.options = options;
        this.secretSink = secretSink;
        PreemptExpiryTime = RefreshMargin;
    }

    public string RoleArn => options.RoleArn;

    /// <summary>Calls AssumeRole at once, so that a refusal surfaces here and not at the account's first request.</summary>
    public static async Task<AssumedRoleCredentials> CreateAsync(IAmazonSecurityTokenService sts, AssumeRoleOptions options, Action<string>? secretSink, CancellationToken cancellationToken)
    {
        Validate(options);
        var credentials = new AssumedRoleCredentials(sts, options, secretSink);
        credentials.currentState = await credentials.AssumeAsync(cancellationToken).ConfigureAwait(false);
        return credentials;
    }

    protected override CredentialsRefreshState GenerateNewCredentials() =>
        AssumeAsync(CancellationToken.None).GetAwaiter().GetResult();

    protected override Task<CredentialsRefreshState> GenerateNewCredentialsAsync() => AssumeAsync(CancellationToken.None);

    private async Task<CredentialsRefreshState> AssumeAsync(CancellationToken cancellationToken)
    {
        var request = new AssumeRoleRequest
        {
            RoleArn = options.RoleArn,
            RoleSessionName = options.RoleSessionName,
            ExternalId = options.ExternalId,
            DurationSeconds = options.Duration is { } d ? (int)d.TotalSeconds : null,
        };

        AssumeRoleResponse response;
        try
        {
            response = await EndpointFailures.Translate(
                "STS",
                () => sts.DetermineServiceOperationEndpoint(request).URL,
                () => sts.AssumeRoleAsync(request, cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or AwsEndpointUnreachableException)
        {
            throw new AwsAssumeRoleException(options.RoleArn, e);
        }

        var issued = response.Credentials;
        if (issued is null || string.IsNullOrEmpty(issued.AccessKeyId) || string.IsNullOrEmpty(issued.SecretAccessKey))
            throw new AwsAssumeRoleException(options.RoleArn, new AmazonClientException("STS answered AssumeRole without credentials"));

        // Handed to the redactor before anything can sign with them (and so before anything can echo them).
        if (secretSink != null)
        {
            secretSink(issued.SecretAccessKey);
            if (!string.IsNullOrEmpty(issued.SessionToken)) secretSink(issued.SessionToken);
        }

        var expiration = issued.Expiration is { } e2
            ? (e2.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(e2, DateTimeKind.Utc) : e2.ToUniversalTime())
            : DateTime.UtcNow + (options.Duration ?? TimeSpan.FromHours(1));
        return new CredentialsRefreshState(new ImmutableCredentials(issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken), expiration);
    }

    /// <summary>STS's own limits, checked before the call so that a typo is an input error, not an AWS refusal.</summary>
    internal static void Validate(AssumeRoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!RoleArnPattern().IsMatch(options.RoleArn ?? ""))
            throw new ArgumentException($"'{options.RoleArn}' is not a role ARN (arn:PARTITION:iam::ACCOUNT:role/NAME)", nameof(options));
        if (!SessionNamePattern().IsMatch(options.RoleSessionName ?? ""))
            throw new ArgumentException($"role session name '{options.RoleSessionName}' must be 2 to 64 characters of letters, digits and +=,.@_-", nameof(options));
        if (options.ExternalId is { } externalId && !ExternalIdPattern().IsMatch(externalId))
            throw new ArgumentException("the external id must be 2 to 1224 characters of letters, digits and +=,.@:/_-", nameof(options));
        if (options.Duration is { } duration && (duration < AssumeRoleOptions.ShortestDuration || duration > AssumeRoleOptions.LongestDuration || duration.TotalSeconds % 1 != 0))
            throw new ArgumentException(
                $"role duration {duration.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s is out of range (whole seconds, 900 to 43200)", nameof(options));
    }

    // botocore sts: roleArnType 20-2048 chars; the account and role segments as IAM writes them.
    [GeneratedRegex(@"^arn:[a-z0-9-]+:iam::\d{12}:role/[\w+=,.@/-]{1,2000}$", RegexOptions.ECMAScript)]
    private static partial Regex RoleArnPattern();

    // botocore sts: roleSessionNameType min 2, max 64, pattern [\w+=,.@-]*.
    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$", RegexOptions.ECMAScript)]
    private static partial Regex SessionNamePattern();

    // botocore sts: externalIdType min 2, max 1224, pattern [\w+=,.@:\/-]*.
    [GeneratedRegex(@"^[\w+=,.@:/-]{2,1224}$", RegexOptions.ECMAScript)]
    private static partial Regex ExternalIdPattern();
}
