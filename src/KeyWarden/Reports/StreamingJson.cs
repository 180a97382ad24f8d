using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace KeyWarden.Reports;

/// <summary>
/// A <see cref="Utf8JsonWriter"/> over a small buffer that is handed to the output a piece at a time, so that a report of
/// 100,000 findings is never one document in memory. Pieces end on token boundaries (whole UTF-8 sequences). Indented,
/// with the relaxed encoder every JSON format here uses, so the bytes equal serializing the whole document at once.
/// </summary>
/// The HTML report's embedded copy is compact, with the default encoder (which escapes &lt; so the data cannot close its block).
/// <paramref name="indentSize"/> 0 gives a line per token without indentation: a document that is never one huge line
/// (the redacting writer holds text until a line ends).
internal sealed class StreamingJson(TextWriter output, bool indented = true, JavaScriptEncoder? encoder = null, int indentSize = 2) : IDisposable
{
    private const int PieceBytes = 64 * 1024;

    private readonly ArrayBufferWriter<byte> _buffer = new(PieceBytes * 2);
    private Utf8JsonWriter? _writer;

    public Utf8JsonWriter Writer => _writer ??= new Utf8JsonWriter(_buffer, new JsonWriterOptions
    {
        Indented = indented,
        IndentSize = indentSize,
        Encoder = encoder ?? JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Hands what is written so far to the output once it is a piece's worth; call between elements.</summary>
    public void Drain(bool force = false)
    {
        Writer.Flush();
        if (_buffer.WrittenCount >= PieceBytes || (force && _buffer.WrittenCount > 0))
        {
            output.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
            _buffer.ResetWrittenCount();
        }
    }

    /// <summary>An indented JSON array of <paramref name="items"/>, each written by <paramref name="writeItem"/> and handed on as it is reached; then a newline.</summary>
    public static void WriteArray<T>(TextWriter output, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        using (var json = new StreamingJson(output))
        {
            var w = json.Writer;
            w.WriteStartArray();
            foreach (var item in items)
            {
                writeItem(w, item);
                json.Drain();
            }

            w.WriteEndArray();
        }

        output.Write('\n');
    }

    public void Dispose()
    {
        Drain(force: true);
        _writer?.Dispose();
    }
}
