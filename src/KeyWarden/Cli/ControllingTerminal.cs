using KeyWarden.Common;

namespace KeyWarden.Cli;

/// <summary>
/// The process's controlling terminal (/dev/tty), for a confirmation when stdin or stderr is not a terminal
/// (<c>apply … 2&gt;&amp;1 | tee log</c>, or stdin taken by a pipe): the person who started the command still sees the
/// question and answers it there. What is written passes the secret redactor and the terminal escaping, like stderr.
/// </summary>
public sealed class ControllingTerminal : IDisposable
{
    private readonly IDisposable? _device;

    /// <summary>A terminal over these reader and writer (tests: a scripted answer); <paramref name="device"/> is closed last.</summary>
    internal ControllingTerminal(TextReader input, TextWriter output, IDisposable? device = null)
    {
        _device = device;
        In = input;
        Out = TerminalTextWriter.Wrap(new SecretRedactorTextWriter(output, SecretRedactor.Process));
    }

    public TextReader In { get; }

    public TextWriter Out { get; }

    /// <summary>The controlling terminal, or null when there is none (CI, a daemon, Windows): then nobody can be asked.</summary>
    public static ControllingTerminal? Open()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            // Unbuffered: a tty is read line by line as typed, never ahead.
            var tty = new FileStream("/dev/tty", FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
            return new ControllingTerminal(new StreamReader(tty, leaveOpen: true), new StreamWriter(tty, leaveOpen: true) { AutoFlush = true }, tty);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // ENXIO "No such device or address": the process has no controlling terminal.
            return null;
        }
    }

    public void Dispose()
    {
        Out.Flush();
        In.Dispose();
        _device?.Dispose();
    }
}
