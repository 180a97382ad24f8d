namespace KeyWarden.Aws;

public enum AwsFailureKind
{
    AccessDenied,
    NoSuchEntity,
    Throttling,
    /// <summary>No credentials found, or they could not be obtained (SSO login expired, assume-role failed).</summary>
    Credentials,
    ProfileNotFound,
    /// <summary>Endpoint unreachable: connection refused, DNS, timeout, TLS; or an invalid endpoint URL.</summary>
    Endpoint,
    InvalidClientToken,
    ExpiredToken,
    Signature,
    /// <summary>The service failed (HTTP 5xx).</summary>
    Service,
    Other,
}
