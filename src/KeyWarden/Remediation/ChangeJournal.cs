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

    private ChangeJournal(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    public string Path { get; }

    public static ChangeJournal OpenForAppend(string path)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None);
            return new ChangeJournal(path, stream);
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

        var records = new List<JournalRecord>();
        var lines = File.ReadAllLines(path);
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
