using KeyWarden.Common;
using Spectre.Console;

namespace KeyWarden.Cli;

/// <summary>
/// Where output goes: machine-readable results and tables to <see cref="Out"/> (stdout), progress, notes and
/// errors to <see cref="Err"/> (stderr), so that piping stdout never mixes in a progress line.
/// </summary>
public sealed record Terminal(IAnsiConsole Out, TextWriter Err, TextReader In, bool IsInteractive)
{
    public void Note(string message) => Err.WriteLine(SecretRedactor.Process.Redact(message));

    /// <summary>This terminal with <see cref="Err"/> passed through the process's <see cref="SecretRedactor"/>.</summary>
    public Terminal Redacting() => Err is SecretRedactorTextWriter ? this : this with { Err = new SecretRedactorTextWriter(Err, SecretRedactor.Process) };
}
