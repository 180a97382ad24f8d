namespace KeyWarden;

/// <summary>
/// An error the user can act on, with the exit code it maps to. Built only through the named factories
/// so that every message is one line and every code comes from <see cref="ExitCodes"/>.
/// </summary>
public sealed class KeyWardenException : Exception
{
    private KeyWardenException(int exitCode, string message, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }

    public static KeyWardenException Usage(string message) => new(ExitCodes.UsageOrInput, message);

    public static KeyWardenException Input(string message, Exception? inner = null) => new(ExitCodes.UsageOrInput, message, inner);

    public static KeyWardenException Aws(string message, Exception? inner = null) => new(ExitCodes.AwsOrRuntime, message, inner);

    public static KeyWardenException Runtime(string message, Exception? inner = null) => new(ExitCodes.AwsOrRuntime, message, inner);
}
