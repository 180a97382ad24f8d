using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KeyWarden.Reports;

namespace KeyWarden.Remediation;

/// <summary>
/// The append-only JSON-lines journal. Each record is flushed to disk (fsync) before the call returns, so
/// that a process killed at any instant leaves every change it made announced by an intent record. Held
/// open exclusively, so two applies cannot interleave on one journal.
/// <para>
/// Hash chain: every line after the first carries <c>prev</c>, the SHA-256 (hex) of the previous line's bytes
/// (without its newline). A line edited, inserted, removed or reordered breaks it, and the journal is refused
/// (exit 2) before anything is done with it. It detects accidents and naive edits, not an adversary: anyone who
/// can write the file can recompute the chain, and cutting lines off the end leaves it intact (docs/remediation.md).
/// </para>
/// </summary>
public sealed class ChangeJournal : IDisposable
{
    private static readonly JsonSerializerOptions WriteOptions = new(JsonReportWriter.Options)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    // A record a reader cannot take at face value is refused, not guessed at: "result": "changed", "result": "failed"
    // must not mean whichever came last, and a record without its type, plan or time is not a record.
    private static readonly JsonSerializerOptions ReadOptions = new(WriteOptions)
    {
        AllowDuplicateProperties = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private static readonly HashSet<string> Types = [JournalRecord.Started, JournalRecord.Intent, JournalRecord.Outcome, JournalRecord.Finished];

    private static readonly HashSet<string> Actions = [JournalRecord.Deactivate, JournalRecord.Reactivate];

    private static readonly HashSet<string> Results =
        [StepResult.Changed, StepResult.AlreadyDone, StepResult.Skipped, StepResult.Failed, StepResult.Unknown, StepResult.Reversed];

    private readonly FileStream _stream;
    private string? _lastLineHash;

    private ChangeJournal(string path, FileStream stream, JournalContents contents, string? lastLineHash)
    {
        Path = path;
        _stream = stream;
        Contents = contents;
        _lastLineHash = lastLineHash;
    }

    public string Path { get; }

    /// <summary>The records as read and checked under the lock, before this run appended anything.</summary>
    public IReadOnlyList<JournalRecord> Records => Contents.Records;

    public JournalContents Contents { get; }

    /// <summary>
    /// Takes the exclusive lock, then reads and checks the whole journal (hash chain, every record), and only then
    /// repairs a torn last line. A journal that fails the check is left exactly as it was.
    /// </summary>
    public static ChangeJournal OpenForAppend(string path)
    {
        var stream = OpenLocked(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        try
        {
            var bytes = ReadAll(path, stream);
            var parsed = Parse(path, bytes);
            RepairTornLastLine(stream, parsed);
            return new ChangeJournal(path, stream, new JournalContents(parsed.Records, parsed.UnchainedLines), parsed.LastLineHash);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads and checks every complete record, as <see cref="OpenForAppend"/> does, without changing the file.</summary>
    public static IReadOnlyList<JournalRecord> Read(string path) => ReadContents(path).Records;

    /// <inheritdoc cref="Read"/>
    public static JournalContents ReadContents(string path)
    {
        if (!File.Exists(path))
        {
            return new JournalContents([], 0);
        }

        byte[] bytes;
        using (var stream = OpenLocked(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            bytes = ReadAll(path, stream);
        }

        var parsed = Parse(path, bytes);
        return new JournalContents(parsed.Records, parsed.UnchainedLines);
    }

    /// <summary>Writes the record, chained to the line before it (its <c>prev</c> is set here, whatever the caller gave), and returns it as written.</summary>
    public JournalRecord Append(JournalRecord record)
    {
        var chained = record with { Prev = _lastLineHash };
        // Redacted before hashing: the chain covers the bytes on disk.
        var line = Encoding.UTF8.GetBytes(Common.SecretRedactor.Process.Redact(JsonSerializer.Serialize(chained, WriteOptions)));
        _stream.Write(line);
        _stream.Write("\n"u8);
        _stream.Flush(flushToDisk: true);
        _lastLineHash = HashOf(line);
        return chained;
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>SHA-256 of a line's bytes (without its newline), lower-case hex: what the next line's <c>prev</c> holds.</summary>
    public static string HashOf(ReadOnlySpan<byte> line) => Convert.ToHexStringLower(SHA256.HashData(line));

    /// <summary>Larger than any journal keywarden writes (a 100,000-key apply writes about 100 MB): refused before it is read into memory.</summary>
    public const long MaxJournalBytes = 256L * 1024 * 1024;

    private static byte[] ReadAll(string path, FileStream stream)
    {
        if (stream.Length > MaxJournalBytes)
        {
            throw KeyWardenException.Input($"{path}: {stream.Length} bytes is more than a journal can be ({MaxJournalBytes} bytes); not read");
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static FileStream OpenLocked(string path, FileMode mode, FileAccess access, FileShare share)
    {
        try
        {
            return new FileStream(path, mode, access, share);
        }
        catch (IOException e) when (IsLockConflict(e))
        {
            throw KeyWardenException.Runtime($"{path}: another apply or undo holds this journal; nothing was done: wait for it to finish and try again", e);
        }
        catch (IOException e)
        {
            throw KeyWardenException.Runtime($"{path}: cannot open the journal: {OneLine(e.Message)}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw KeyWardenException.Runtime($"{path}: cannot open the journal: {OneLine(e.Message)}", e);
        }
    }

    /// <summary>
    /// The lock is FileShare.None: flock(LOCK_EX) on Unix, which fails with EWOULDBLOCK (11 on Linux, 35 on macOS);
    /// on Windows a sharing or lock violation (HRESULT 0x80070020 / 0x80070021).
    /// </summary>
    private static bool IsLockConflict(IOException e) =>
        e is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException)
        && (e.HResult is 11 or 35 || (e.HResult & 0xFFFF) is 32 or 33 && (e.HResult & unchecked((int)0xFFFF0000)) == unchecked((int)0x80070000));

    private sealed record ParsedJournal(List<JournalRecord> Records, int UnchainedLines, string? LastLineHash, int CompleteLength, TornTail Tail);

    private enum TornTail
    {
        None,

        /// <summary>The last line is a whole record that lacks only its newline.</summary>
        MissingNewline,

        /// <summary>The last line is a fragment of a record: the write was cut short.</summary>
        Fragment,
    }

    /// <summary>
    /// Splits on \n and checks each line: a record (no duplicate property, known type and action, the fields its type
    /// needs, parseable timestamp, IAM-shaped ids) chained to the line before it. Only the last line, and only when it has
    /// no newline, may be a fragment: a crash mid-write.
    /// </summary>
    private static ParsedJournal Parse(string path, ReadOnlySpan<byte> bytes)
    {
        var records = new List<JournalRecord>();
        string? previousHash = null;
        var firstChained = -1;
        var position = 0;
        var tail = TornTail.None;
        while (position < bytes.Length)
        {
            var lineNumber = records.Count + 1;
            var newline = bytes[position..].IndexOf((byte)'\n');
            var terminated = newline >= 0;
            var line = terminated ? bytes.Slice(position, newline) : bytes[position..];
            var record = Deserialize(line, out var error);
            if (record is null)
            {
                if (!terminated)
                {
                    // torn final write: its intent never reached the disk, so the call it announced was never sent
                    tail = TornTail.Fragment;
                    break;
                }

                throw KeyWardenException.Input($"{path}: line {lineNumber} is not a journal record: {FileText.Escaped(error)}");
            }

            Check(path, lineNumber, record);
            if (record.Prev is null)
            {
                if (firstChained >= 0)
                {
                    throw Broken(path, lineNumber, "it has no \"prev\" although the lines before it are chained");
                }
            }
            else if (previousHash is null)
            {
                throw Broken(path, lineNumber, "it has a \"prev\" but is the first line: the lines before it were removed");
            }
            else if (!string.Equals(record.Prev, previousHash, StringComparison.Ordinal))
            {
                throw Broken(path, lineNumber, $"its \"prev\" is not the hash of line {lineNumber - 1}");
            }
            else if (firstChained < 0)
            {
                // After an unchained beginning (an older keywarden's journal), the chain starts with the started record of the
                // first run that appended to it. Anything else means a line without prev was put in front of a chained journal.
                if (records.Count >= 2 && record.Type != JournalRecord.Started)
                {
                    throw Broken(path, lineNumber, $"it is the first line with a \"prev\" but follows {records.Count} lines without one and is not a started record");
                }

                firstChained = records.Count;
            }

            records.Add(record);
            previousHash = HashOf(line);
            position += line.Length + (terminated ? 1 : 0);
            if (!terminated)
            {
                tail = TornTail.MissingNewline;
            }
        }

        // Line 1 never has a prev, so a chained journal's first chained record is its second; an older keywarden's
        // journal has none at all (or a later run appended chained records to it).
        var unchained = firstChained switch
        {
            < 0 => records.Count >= 2 ? records.Count : 0,
            <= 1 => 0,
            _ => firstChained,
        };
        return new ParsedJournal(records, unchained, previousHash, position, tail);
    }

    private static KeyWardenException Broken(string path, int lineNumber, string why) =>
        KeyWardenException.Input(
            $"{path}: line {lineNumber}: the journal's hash chain is broken ({why}): a line was edited, inserted, removed or reordered at or before line {lineNumber}; refusing the journal, nothing was changed");

    private static JournalRecord? Deserialize(ReadOnlySpan<byte> line, out string error)
    {
        if (line.Trim(" \t\r"u8).IsEmpty)
        {
            error = "the line is blank (keywarden never writes one)";
            return null;
        }

        try
        {
            var record = JsonSerializer.Deserialize<JournalRecord>(line, ReadOptions);
            error = record is null ? "null" : string.Empty;
            return record;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException or DecoderFallbackException)
        {
            error = FileText.Message(OneLine(FirstSentence(e.Message))) + (e is JsonException { Path: { Length: > 1 } at } ? $" (at {at})" : string.Empty);
            return null;
        }
    }

    /// <summary>What each type of record must carry before undo may act on it.</summary>
    private static void Check(string path, int lineNumber, JournalRecord record)
    {
        void Fail(string problem) => throw KeyWardenException.Input($"{path}: line {lineNumber}: {FileText.Escaped(problem)}");

        if (!Types.Contains(record.Type))
        {
            Fail($"unknown record type '{FileText.Quoted(record.Type)}' (expected started, intent, outcome or finished)");
        }

        if (string.IsNullOrWhiteSpace(record.PlanId))
        {
            Fail($"{record.Type} record has an empty planId");
        }

        if (Timestamps.Parse(record.At) is null)
        {
            Fail($"{record.Type} record: at '{FileText.Quoted(record.At)}' is not a timestamp");
        }

        if (record.PlanDigest is not null && !IamIdentifiers.IsSha256Hex(record.PlanDigest))
        {
            Fail($"{record.Type} record: planDigest is not a SHA-256 in lower-case hex");
        }

        if (record.Prev is not null && !IamIdentifiers.IsSha256Hex(record.Prev))
        {
            Fail($"{record.Type} record: prev is not a SHA-256 in lower-case hex");
        }

        if (record.Type is JournalRecord.Started or JournalRecord.Finished)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(record.StepId))
        {
            Fail($"{record.Type} record has no stepId");
        }

        if (record.Action is null || !Actions.Contains(record.Action))
        {
            Fail($"{record.Type} record: action '{FileText.Quoted(record.Action)}' is not deactivate or reactivate");
        }

        if (!IamIdentifiers.IsAccountId(record.AccountId))
        {
            Fail($"{record.Type} record: accountId {(record.AccountId is null ? "is missing" : "is not 12 digits")}");
        }

        if (!IamIdentifiers.IsUserName(record.User))
        {
            Fail($"{record.Type} record: user {(record.User is null ? "is missing" : "is not an IAM user name")}");
        }

        if (!IamIdentifiers.IsAccessKeyId(record.KeyId))
        {
            Fail($"{record.Type} record: keyId {(record.KeyId is null ? "is missing" : "is not an access key id")}");
        }

        if (record.KeepKeyId is not null && !IamIdentifiers.IsAccessKeyId(record.KeepKeyId))
        {
            Fail($"{record.Type} record: keepKeyId is not an access key id");
        }

        if (record.Type == JournalRecord.Outcome && (record.Result is null || !Results.Contains(record.Result)))
        {
            Fail($"outcome record: result '{FileText.Quoted(record.Result)}' is not one of {string.Join(", ", Results.Order())}");
        }

        if (record.Reversal == true && record.Action != JournalRecord.Reactivate)
        {
            Fail($"{record.Type} record: a reversal is a reactivate, not a {record.Action}");
        }
    }

    /// <summary>
    /// Makes the file end where its last complete record ends, with a newline, so that the next record does not
    /// glue onto a fragment (which would make a corrupt line in the middle). Only called once the journal is checked.
    /// </summary>
    private static void RepairTornLastLine(FileStream stream, ParsedJournal parsed)
    {
        switch (parsed.Tail)
        {
            case TornTail.MissingNewline:
                stream.Seek(0, SeekOrigin.End);
                stream.Write("\n"u8);
                stream.Flush(flushToDisk: true);
                break;
            case TornTail.Fragment:
                stream.SetLength(parsed.CompleteLength);
                stream.Flush(flushToDisk: true);
                break;
        }

        stream.Seek(0, SeekOrigin.End);
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
