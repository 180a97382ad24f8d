using System.Text;

namespace KeyWarden.Common;

/// <summary>
/// A writer that passes everything through <see cref="SecretRedactor"/> before it reaches the inner writer. Text is
/// held until a line ends (or Flush), so a secret written in pieces is still seen whole.
/// </summary>
public sealed class SecretRedactorTextWriter(TextWriter inner, SecretRedactor redactor) : TextWriter
{
    private readonly StringBuilder pending = new();

    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override string NewLine
    {
#pragma warning disable CS8765 // TextWriter.NewLine's setter allows null; the inner writer decides.
        get => inner.NewLine;
        set => inner.NewLine = value;
#pragma warning restore CS8765
    }

    public override void Write(char value)
    {
        lock (pending)
        {
            pending.Append(value);
            if (value == '\n') Drain();
        }
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        lock (pending)
        {
            pending.Append(value);
            if (value.Contains('\n', StringComparison.Ordinal)) Drain();
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Flush()
    {
        lock (pending)
        {
            Drain();
            inner.Flush();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Drain()
    {
        if (pending.Length == 0) return;
        inner.Write(redactor.Redact(pending.ToString()));
        pending.Clear();
    }
}
