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

    /// <summary>
    /// Whether stdout is a terminal. Off a terminal (a pipe, a file, a CI log) the audit table takes its width from
    /// COLUMNS, else has no width limit, and carries no colour unless asked for: what lands in a file must not depend
    /// on the window the command happened to run in. Tests leave it false.
    /// </summary>
    public bool OutIsTerminal { get; init; }

    /// <summary>Reads an environment variable (COLUMNS, NO_COLOR); tests pass their own.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Whether <see cref="Err"/> already passes through the process's <see cref="SecretRedactor"/>.</summary>
    public bool IsRedacting { get; private init; }

    public void Note(string message) => Err.WriteLine(SecretRedactor.Process.Redact(message));

    /// <summary>
    /// This terminal with <see cref="Err"/> passed through the process's <see cref="SecretRedactor"/> (then escaped:
    /// escaping leaves backslashes alone on stderr, so escaping twice changes nothing).
    /// </summary>
    public Terminal Redacting() => IsRedacting ? this : this with { Err = new SecretRedactorTextWriter(Err, SecretRedactor.Process), IsRedacting = true };
}
