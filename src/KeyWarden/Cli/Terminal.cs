using KeyWarden.Common;
using Spectre.Console;

namespace KeyWarden.Cli;

/// <summary>
/// Where output goes: machine-readable results and tables to <see cref="Out"/> (stdout), progress, notes and
/// errors to <see cref="Err"/> (stderr), so that piping stdout never mixes in a progress line.
/// </summary>
public sealed record Terminal(IAnsiConsole Out, TextWriter Err, TextReader In, bool IsInteractive)
{
    // Terminal escaping (hostile data): whatever is written to stderr is escaped line by line (TerminalTextWriter).
    // Stdout is not wrapped: it carries machine formats that must stay exact; its tables escape each value instead.
    private readonly TextWriter _err = TerminalTextWriter.Wrap(Err);

    public TextWriter Err
    {
        get => _err;
        init => _err = TerminalTextWriter.Wrap(value);
    }

    /// <summary>
    /// Opens the controlling terminal for a confirmation when stdin or stderr is not a terminal (see
    /// <see cref="Confirmation"/>); null, or returning null, when there is none. Tests leave it unset.
    /// </summary>
    public Func<ControllingTerminal?>? OpenControllingTerminal { get; init; }

    /// <summary>Whether <see cref="Err"/> already passes through the process's <see cref="SecretRedactor"/>.</summary>
    public bool IsRedacting { get; private init; }

    public void Note(string message) => Err.WriteLine(SecretRedactor.Process.Redact(message));

    /// <summary>
    /// This terminal with <see cref="Err"/> passed through the process's <see cref="SecretRedactor"/> (then escaped:
    /// escaping leaves backslashes alone on stderr, so escaping twice changes nothing).
    /// </summary>
    public Terminal Redacting() => IsRedacting ? this : this with { Err = new SecretRedactorTextWriter(Err, SecretRedactor.Process), IsRedacting = true };
}
