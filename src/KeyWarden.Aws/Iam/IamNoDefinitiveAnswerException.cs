namespace KeyWarden.Aws.Iam;

/// <summary>
/// A state-changing IAM call (UpdateAccessKey) ended without a definitive answer: a 5xx, a reset or dropped
/// connection, a timeout. IAM may or may not have made the change, so it is neither retried nor reported as
/// refused: the caller reads the state back. Deliberately not an AmazonClientException and without an
/// InnerException, so the SDK's retry policy (which walks inner exceptions for I/O errors) cannot resend it.
/// </summary>
public sealed class IamNoDefinitiveAnswerException : Exception
{
    public IamNoDefinitiveAnswerException(string operation, string cause)
        : base($"{operation} got no definitive answer ({cause}): the change may or may not have been made")
    {
        Operation = operation;
        Cause = cause;
    }

    public string Operation { get; }

    /// <summary>What ended the call, in one line (the original exception's description).</summary>
    public string Cause { get; }
}
