using System.Net.Http;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace KeyWarden.Aws;

/// <summary>
/// Turns exceptions from KeyWarden.Aws into <see cref="AwsFailure"/> so the tool needs no Amazon.Runtime type.
/// Messages never contain secrets: AWS error messages name at most access key ids, and credential values are never formatted.
/// </summary>
public static class AwsErrorDescriber
{
    private const int MaxMessageLength = 400;

    /// <summary>Null when <paramref name="exception"/> is not AWS-related.</summary>
    public static AwsFailure? Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate) return Describe(aggregate.InnerExceptions[0]);

        if (AwsProfileFiles.DescribeMalformedLine(exception, Environment.GetEnvironmentVariable) is { } malformed)
            return new(AwsFailureKind.Credentials, "MalformedProfileFile", malformed);

        // A role session that could not be (re)assumed: the SDK may wrap a refresh failure in its own exceptions.
        if (Find<AwsAssumeRoleException>(exception) is { } assume) return DescribeAssumeRole(assume);

        switch (exception)
        {
            case Iam.IamNoDefinitiveAnswerException n:
                // A 5xx, reset or lost answer to a change: described as a service failure, so that nobody reads it as a refusal.
                return new(AwsFailureKind.Service, "NoDefinitiveAnswer", OneLine(n.Message));
            case AwsProfileNotFoundException p:
                return new(AwsFailureKind.ProfileNotFound, "ProfileNotFound", p.Message);
            case AwsEndpointUnreachableException e:
                return new(AwsFailureKind.Endpoint, "EndpointUnreachable", OneLine(e.Message));
            case AwsConfigurationException c when c.Message.StartsWith("invalid endpoint URL", StringComparison.Ordinal):
                return new(AwsFailureKind.Endpoint, "InvalidEndpoint", OneLine(c.Message));
            case AwsConfigurationException c:
                return new(AwsFailureKind.Credentials, "InvalidConfiguration", OneLine(c.Message));
            case ProfileNotFoundException p:
                return new(AwsFailureKind.ProfileNotFound, "ProfileNotFound", OneLine(ProfileMessage(p.Message)));
            case AmazonServiceException s when !string.IsNullOrEmpty(s.ErrorCode) || (int)s.StatusCode >= 400:
                return DescribeService(s);
            case AmazonClientException c:
                return DescribeClient(c);
        }

        // HTTP transport failures that did not pass through a KeyWarden.Aws client wrapper. Other I/O errors
        // (files, pipes) are not AWS-related and stay undescribed.
        return exception is HttpRequestException or SocketException && EndpointFailures.Reason(exception) is { } reason
            ? new(AwsFailureKind.Endpoint, "EndpointUnreachable", "could not reach the AWS endpoint: " + reason)
            : null;
    }

    /// <summary>
    /// The cause's kind (AccessDenied for a refusal: trust policy, missing sts:AssumeRole, wrong ExternalId; also STS
    /// not enabled in the region, which the account has to change), and one line that names the role.
    /// </summary>
    private static AwsFailure DescribeAssumeRole(AwsAssumeRoleException a)
    {
        var cause = a.InnerException is { } inner ? Describe(inner) : null;
        var (kind, code) = cause switch
        {
            null => (AwsFailureKind.Other, "AssumeRoleFailed"),
            { Code: "RegionDisabledException" } => (AwsFailureKind.AccessDenied, cause.Code),
            _ => (cause.Kind, cause.Code),
        };
        var why = cause?.OneLineMessage ?? OneLine(a.InnerException?.Message ?? "no answer");
        return new(kind, code, OneLine($"could not assume role {a.RoleArn}: {why}"));
    }

    private static T? Find<T>(Exception exception) where T : Exception
    {
        for (Exception? e = exception; e != null; e = e.InnerException)
        {
            if (e is T found) return found;
            if (e is AggregateException { InnerExceptions.Count: 1 } aggregate && Find<T>(aggregate.InnerExceptions[0]) is { } nested) return nested;
        }
        return null;
    }

    private static AwsFailure DescribeService(AmazonServiceException s)
    {
        var code = string.IsNullOrEmpty(s.ErrorCode) ? $"HTTP{(int)s.StatusCode}" : s.ErrorCode;
        var kind = code switch
        {
            "AccessDenied" or "AccessDeniedException" or "UnauthorizedOperation" => AwsFailureKind.AccessDenied,
            "NoSuchEntity" => AwsFailureKind.NoSuchEntity,
            "Throttling" or "ThrottlingException" or "RequestLimitExceeded" or "TooManyRequestsException" => AwsFailureKind.Throttling,
            "InvalidClientTokenId" or "UnrecognizedClientException" => AwsFailureKind.InvalidClientToken,
            "ExpiredToken" or "ExpiredTokenException" or "RequestExpired" => AwsFailureKind.ExpiredToken,
            "SignatureDoesNotMatch" or "IncompleteSignature" => AwsFailureKind.Signature,
            "ServiceFailure" or "ServiceUnavailable" or "InternalFailure" or "ServiceException" => AwsFailureKind.Service,
            _ when (int)s.StatusCode >= 500 => AwsFailureKind.Service,
            _ => AwsFailureKind.Other,
        };
        var hint = kind switch
        {
            AwsFailureKind.InvalidClientToken => " (the access key id is not known to this account/partition)",
            AwsFailureKind.ExpiredToken => " (refresh the temporary credentials, e.g. aws sso login)",
            AwsFailureKind.Signature => " (check the secret access key and the system clock)",
            _ when code == "AWSOrganizationsNotInUseException" =>
                " (the credentials' account is in no organization: run --org with the management account's or a delegated administrator's credentials)",
            _ => "",
        };
        var message = string.IsNullOrWhiteSpace(s.Message) ? $"AWS returned HTTP {(int)s.StatusCode}" : s.Message;
        return new(kind, code, OneLine($"{code}: {message}{hint}"));
    }

    private static AwsFailure DescribeClient(AmazonClientException c)
    {
        var text = c.Message ?? "";
        if (text.Contains("capacity could not be obtained", StringComparison.Ordinal) && c.InnerException is AmazonServiceException inner)
        {
            // Adaptive retry mode's client-side rate limiter gave up on a throttled call: it is throttling, say so.
            var described = DescribeService(inner);
            return described with { OneLineMessage = OneLine(described.OneLineMessage + " (the SDK's adaptive retry mode gave up; retry_mode = standard, the default, waits instead)") };
        }

        // With no credentials at all the SDK's auth resolver falls through from SigV4 to SigV4a and reports the missing
        // CRT signer package instead: both mean "no credentials", and the tool says so in its own words.
        if (text.StartsWith("Failed to resolve AWS credentials", StringComparison.Ordinal)
            || text.Contains("Signature V4a", StringComparison.Ordinal) || text.Contains("CrtIntegration", StringComparison.Ordinal))
            return new(AwsFailureKind.Credentials, "NoCredentials", NoCredentialsMessage(Environment.GetEnvironmentVariable));
        if (c.InnerException != null && EndpointFailures.Reason(c.InnerException) is { } reason)
            return new(AwsFailureKind.Endpoint, "EndpointUnreachable", "could not reach the AWS endpoint: " + reason);
        if (text.Contains("credential", StringComparison.OrdinalIgnoreCase) || text.Contains("AssumeRole", StringComparison.Ordinal)
            || text.Contains("SSO", StringComparison.Ordinal) || text.Contains("token", StringComparison.OrdinalIgnoreCase))
            return new(AwsFailureKind.Credentials, "CredentialsError", OneLine("could not obtain AWS credentials: " + text));
        return new(AwsFailureKind.Other, "ClientError", OneLine(text));
    }

    /// <summary>The one line for "no credentials anywhere", naming every place the SDK's default chain looks.</summary>
    public static string NoCredentialsMessage(Func<string, string?> getEnvironmentVariable)
    {
        var files = AwsProfileFiles.Paths(getEnvironmentVariable);
        var profile = getEnvironmentVariable("AWS_PROFILE") is { Length: > 0 } named ? $"profile '{named}'" : "the default profile";
        return "no AWS credentials found; looked in "
            + "environment variables (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN), "
            + $"{profile} in {files[0]} and {files[1]} (static keys, assume-role, SSO, credential_process), "
            + "web identity (AWS_WEB_IDENTITY_TOKEN_FILE), container credentials (AWS_CONTAINER_CREDENTIALS_*), "
            + "EC2 instance metadata; set one of them or pass --profile";
    }

    private static string ProfileMessage(string sdkMessage)
    {
        var start = sdkMessage.IndexOf('"');
        var end = start >= 0 ? sdkMessage.IndexOf('"', start + 1) : -1;
        return end > start
            ? $"profile '{sdkMessage[(start + 1)..end]}' not found in ~/.aws/config or ~/.aws/credentials"
            : sdkMessage;
    }

    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= MaxMessageLength ? line : line[..MaxMessageLength] + "…";
    }
}
