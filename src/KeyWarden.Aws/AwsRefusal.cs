namespace KeyWarden.Aws;

/// <summary>
/// Tells a definitive refusal from a call that ended without an answer. After a refusal the service did not act;
/// after anything else (a timeout, a reset connection, a 5xx or throttling that outlasted the retries, an answer
/// that could not be read) the call may have taken effect, and only reading the state back can say.
/// </summary>
public static class AwsRefusal
{
    // Service error codes that mean "the request was refused and nothing was done". Anything not listed is
    // treated as indefinite: being wrong that way costs one read-back, being wrong the other way reports a
    // change that happened as "failed", which undo would then never reverse.
    private static readonly HashSet<string> RefusalCodes = new(StringComparer.Ordinal)
    {
        "InvalidInput", "ValidationError", "InvalidParameterValue", "InvalidParameterCombination", "MissingParameter",
        "MalformedQueryString", "InvalidAction", "InvalidQueryParameter", "OptInRequired",
        "LimitExceeded", "EntityTemporarilyUnmodifiable", "ConcurrentModification", "UnmodifiableEntity",
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "NoSuchEntity",
        "InvalidClientTokenId", "UnrecognizedClientException", "ExpiredToken", "ExpiredTokenException", "RequestExpired",
        "SignatureDoesNotMatch", "IncompleteSignature", "MissingAuthenticationToken", "InvalidSignatureException",
    };

    /// <summary>
    /// True when <paramref name="exception"/> is a service answer that refused the request (access denied, no such
    /// entity, validation, quota, credentials rejected). False for everything else, including exceptions that are
    /// not AWS-related at all (an I/O error, a cancelled HTTP call).
    /// </summary>
    public static bool IsDefinitive(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (AwsErrorDescriber.Describe(exception) is not { } failure)
        {
            return false;
        }

        return failure.Kind switch
        {
            AwsFailureKind.Throttling or AwsFailureKind.Service or AwsFailureKind.Endpoint => false,
            // Nothing was sent: credentials could not be found or the profile does not exist.
            AwsFailureKind.Credentials or AwsFailureKind.ProfileNotFound => true,
            _ => RefusalCodes.Contains(failure.Code),
        };
    }

    /// <summary>
    /// True when <paramref name="exception"/> says the caller may not do this at all (access denied, credentials
    /// rejected or expired): the same call for the next principal would be refused the same way.
    /// </summary>
    public static bool IsPermissionRefusal(Exception exception) =>
        AwsErrorDescriber.Describe(exception) is { Kind: AwsFailureKind.AccessDenied or AwsFailureKind.InvalidClientToken or AwsFailureKind.ExpiredToken or AwsFailureKind.Signature };

    /// <summary>
    /// True when the call ended without an answer that says what the service did: an AWS failure that is not a
    /// refusal (throttling or 5xx after the retries, an unreachable endpoint, an unreadable answer), or a transport
    /// failure that reached the caller undescribed (timeout, reset, cancelled HTTP call). Only reading the state back
    /// can then say whether a change happened.
    /// </summary>
    public static bool IsWithoutAnswer(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return AwsErrorDescriber.Describe(exception) is not null
            || IsTransport(exception)
            || (exception.InnerException is { } inner && IsTransport(inner));
    }

    private static bool IsTransport(Exception e) =>
        e is System.Net.Http.HttpRequestException or IOException or OperationCanceledException or TimeoutException;
}
