using System.Text;
using System.Text.Json;
using KeyWarden.Reports;

namespace KeyWarden.Remediation;

/// <summary>
/// The append-only JSON-lines journal. Each record is flushed to disk (fsync) before the call returns, so
/// that a process killed at any instant leaves every change it made announced by an intent record. Held
/// open exclusively, so two applies cannot interleave on one journal.
/// </summary>
public sealed class ChangeJournal : IDisposable
{
    private static readonly JsonSerializerOptions Options = new(JsonReportWriter.Options)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly FileStream _stream;

    private ChangeJournal(string path, FileStream stream, IReadOnlyList<JournalRecord> records)
    {
        Path = path;
        _stream = stream;
        Records = records;
    }

    public string Path { get; }

    /// <summary>The records on disk when the journal was opened, read under the exclusive lock.</summary>
    public IReadOnlyList<JournalRecord> Records { get; }

    public static ChangeJournal OpenForAppend(string path)
    {
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            IReadOnlyList<JournalRecord> records;
            try
            {
                DropTornLastLine(stream);
                stream.Seek(0, SeekOrigin.Begin);
                var bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
                records = Parse(path, Encoding.UTF8.GetString(bytes).Split('\n'));
            }
            catch
            {
                stream.Dispose();
                throw;
            }

            return new ChangeJournal(path, stream, records);
        }
        catch (IOException e)
        {
            throw KeyWardenException.Runtime($"{path}: cannot open the journal (is another apply or undo running?): {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw KeyWardenException.Runtime($"{path}: cannot open the journal: {e.Message}", e);
        }
    }

    /// <summary>
    /// A run killed while writing a record leaves a last line without its newline. Appending after it would glue the
    /// next record onto the fragment, making a corrupt line in the middle that <see cref="Read"/> rejects. So: a
    /// fragment that is not a record is cut off (Read ignores it anyway; the call it announced was never sent), a
    /// whole record missing only its newline gets one. Leaves the stream positioned at the end.
    /// </summary>
    private static void DropTornLastLine(FileStream stream)
    {
        if (stream.Length > 0)
        {
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            var lineStart = Array.LastIndexOf(bytes, (byte)'\n') + 1;
            if (lineStart < bytes.Length)
            {
                if (IsRecord(bytes.AsSpan(lineStart)))
                {
                    stream.Seek(0, SeekOrigin.End);
                    stream.Write("\n"u8);
                }
                else
                {
                    stream.SetLength(lineStart);
                }

                stream.Flush(flushToDisk: true);
            }
        }

        stream.Seek(0, SeekOrigin.End);
    }

    private static bool IsRecord(ReadOnlySpan<byte> line)
    {
        try
        {
            return JsonSerializer.Deserialize<JournalRecord>(line, Options) is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public void Append(JournalRecord record)
    {
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Options) + "\n");
        _stream.Write(line);
        _stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Reads every complete record. A torn last line (the process died mid-write) is ignored: its intent
    /// was not on disk, so the call it would have announced was never sent.
    /// </summary>
    public static IReadOnlyList<JournalRecord> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        return Parse(path, File.ReadAllLines(path));
    }

    private static List<JournalRecord> Parse(string path, string[] lines)
    {
        var records = new List<JournalRecord>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            try
            {
                records.Add(JsonSerializer.Deserialize<JournalRecord>(lines[i], Options)
                    ?? throw new JsonException("empty record"));
            }
            catch (JsonException) when (i == lines.Length - 1)
            {
                // torn final write
            }
            catch (JsonException e)
            {
                throw KeyWardenException.Input($"{path}: line {i + 1} is not a journal record: {e.Message.Split(". ")[0]}", e);
            }
        }

        return records;
    }

    public void Dispose() => _stream.Dispose();
}
