namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>What <see cref="FaultProxy"/> does to a request it decided to fault.</summary>
public enum FaultKind
{
    /// <summary>HTTP 400 with IAM's <c>Throttling</c> error body ("Rate exceeded"); nothing forwarded.</summary>
    Throttling,

    /// <summary>HTTP 500 <c>ServiceFailure</c>; nothing forwarded.</summary>
    InternalError,

    /// <summary>HTTP 503 <c>ServiceUnavailable</c>; nothing forwarded.</summary>
    ServiceUnavailable,

    /// <summary>The client connection is reset (TCP RST) before anything is forwarded.</summary>
    ResetBeforeForward,

    /// <summary>Forwarded and answered by moto, then the client connection is reset: the change happened, the answer is lost.</summary>
    DropResponse,

    /// <summary>Forwarded after the rule's delay; the answer arrives intact.</summary>
    Delay,

    /// <summary>
    /// HTTP 400 <c>InvalidInput</c> whose message echoes every request header (X-Amz-Security-Token included),
    /// as a misbehaving server or a proxy might: for the secret-redaction tests. Not part of any "all kinds" mix.
    /// </summary>
    EchoHeaders,

    /// <summary>An STS/IAM-style 403 AccessDenied, as a role whose trust policy refuses the caller answers AssumeRole.</summary>
    AccessDenied,

    /// <summary>Security Hub's BatchImportFindings answered 200 with every finding of the request in FailedFindings; nothing forwarded.</summary>
    FailedFindings,
}
