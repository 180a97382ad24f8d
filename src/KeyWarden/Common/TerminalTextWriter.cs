using System.Text;

namespace KeyWarden.Common;

/// <summary>
/// The stderr sink: every message written through it is escaped with <see cref="TerminalText.EscapeLine"/>, so a note,
/// an error line or a step note that quotes data (a user name, a key id, an AWS error text, an exceptions-file reason)
/// cannot move the cursor, retitle the window or reorder text. Escaping at the sink rather than at each call site
/// means a new message cannot forget it.
/// </summary>
/// <remarks>
/// <c>WriteLine(message)</c> is one message: every unsafe character in it is escaped, line breaks included, so one
/// message is one line (a line break inside it shows as <c>\u000a</c>) and data cannot forge a line.
/// <c>Write(text)</c> is a fragment (a prompt, or what a line-buffering writer stacked on top forwards): unsafe
/// characters are escaped except LF, which is passed through as the line structure the writer above has made.
/// </remarks>
public sealed class TerminalTextWriter : TextWriter
{
    private readonly TextWriter _inner;

    private TerminalTextWriter(TextWriter inner)
    {
        _inner = inner;
        CoreNewLine = inner.NewLine.ToCharArray();
    }

    public override Encoding Encoding => _inner.Encoding;

    /// <summary>Wraps a writer once; a writer that already escapes is returned as it is.</summary>
    public static TextWriter Wrap(TextWriter writer) => writer as TerminalTextWriter ?? new TerminalTextWriter(writer);

    public override void Write(char value)
    {
        // Surrogate halves arrive one at a time here; the encoder pairs them, so only unsafe characters are escaped.
        if (value != '\n' && TerminalText.IsUnsafe(value))
        {
            _inner.Write(TerminalText.EscapeLine(value.ToString()));
        }
        else
        {
            _inner.Write(value);
        }
    }

    public override void Write(string? value) =>
        _inner.Write(value is null || !value.Contains('\n', StringComparison.Ordinal)
            ? TerminalText.EscapeLine(value)
            : string.Join('\n', value.Split('\n').Select(TerminalText.EscapeLine)));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer) => Write(buffer.ToString());

    public override void WriteLine() => _inner.WriteLine();

    public override void WriteLine(string? value) => _inner.WriteLine(TerminalText.EscapeLine(value));

    public override void WriteLine(char[] buffer, int index, int count) => WriteLine(new string(buffer, index, count));

    public override void WriteLine(ReadOnlySpan<char> buffer) => WriteLine(buffer.ToString());

    public override void Flush() => _inner.Flush();

    public override string ToString() => _inner.ToString() ?? string.Empty;

    protected override void Dispose(bool disposing)
    {
        // The inner writer (stderr, or a test's StringWriter) belongs to whoever made it.
        if (disposing)
        {
            _inner.Flush();
        }

        base.Dispose(disposing);
    }
}
