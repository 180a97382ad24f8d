using System.Text.Json;
using KeyWarden.Remediation;

namespace KeyWarden.Tests.Remediation;

public class ChangeJournalTests : TempDirTest
{
    private static JournalRecord Record(string type, string step, string? result = null) =>
        new(type, "plan-1", "2026-11-28T09:00:00Z", step, JournalRecord.Deactivate, "123456789012", "alice",
            RemediationCases.A1, RemediationCases.A2, result, result is null ? "deactivating" : "deactivated");

    private static string Line(JournalRecord record) =>
        JsonSerializer.Serialize(record, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });

    [Fact]
    public void Append_writes_one_line_per_record_to_disk_before_dispose()
    {
        var path = PathOf("j.jsonl");
        using var journal = ChangeJournal.OpenForAppend(path);

        journal.Append(Record(JournalRecord.Intent, "1"));
        journal.Append(Record(JournalRecord.Outcome, "1", StepResult.Changed));

        // Read back while the journal is still open (and locked): the bytes are already in the file.
        var text = ApplierTests.ReadFileBypassingLock(path);

        var lines = text.Split('\n');
        Assert.Equal(3, lines.Length); // two records, each ending in \n
        Assert.Equal("", lines[2]);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("intent", first.RootElement.GetProperty("type").GetString());
        Assert.Equal(RemediationCases.A1, first.RootElement.GetProperty("keyId").GetString());
        Assert.False(first.RootElement.TryGetProperty("result", out _)); // nulls are left out
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal("changed", second.RootElement.GetProperty("result").GetString());
    }

    [Fact]
    public void Read_returns_what_was_appended()
    {
        var path = PathOf("j.jsonl");
        var records = new[] { Record(JournalRecord.Intent, "1"), Record(JournalRecord.Outcome, "1", StepResult.Changed) };
        using (var journal = ChangeJournal.OpenForAppend(path))
        {
            foreach (var record in records)
            {
                journal.Append(record);
            }
        }

        var read = ChangeJournal.Read(path);
        Assert.Equal(records, read.Select(r => r with { Prev = null }));
        Assert.Null(read[0].Prev);
        Assert.NotNull(read[1].Prev);
    }

    [Fact]
    public void Appending_to_an_existing_journal_keeps_its_records()
    {
        var path = PathOf("j.jsonl");
        using (var journal = ChangeJournal.OpenForAppend(path))
        {
            journal.Append(Record(JournalRecord.Intent, "1"));
        }

        using (var journal = ChangeJournal.OpenForAppend(path))
        {
            journal.Append(Record(JournalRecord.Outcome, "1", StepResult.Changed));
        }

        Assert.Equal([JournalRecord.Intent, JournalRecord.Outcome], ChangeJournal.Read(path).Select(r => r.Type));
    }

    [Fact]
    public void A_missing_journal_reads_as_empty() => Assert.Empty(ChangeJournal.Read(PathOf("none.jsonl")));

    [Fact]
    public void A_blank_line_is_refused_naming_it()
    {
        // keywarden never writes one: a blank line is an edit.
        var path = PathOf("j.jsonl");
        File.WriteAllText(path, Line(Record(JournalRecord.Intent, "1")) + "\n\n" + Line(Record(JournalRecord.Outcome, "1", StepResult.Changed)) + "\n");

        var e = Assert.Throws<KeyWardenException>(() => ChangeJournal.Read(path));
        Assert.Equal(ExitCodes.UsageOrInput, e.ExitCode);
        Assert.StartsWith(path + ": line 2 ", e.Message);
    }

    [Fact]
    public void A_torn_final_line_is_ignored()
    {
        var path = PathOf("j.jsonl");
        var intent = Line(Record(JournalRecord.Intent, "2"));
        File.WriteAllText(path, Line(Record(JournalRecord.Intent, "1")) + "\n" + Line(Record(JournalRecord.Outcome, "1", StepResult.Changed)) + "\n" + intent[..(intent.Length / 2)]);

        var records = ChangeJournal.Read(path);

        Assert.Equal(2, records.Count);
        Assert.DoesNotContain(records, r => r.StepId == "2");
    }

    [Fact]
    public void A_corrupt_middle_line_is_an_input_error()
    {
        var path = PathOf("j.jsonl");
        File.WriteAllText(path, Line(Record(JournalRecord.Intent, "1")) + "\n{\"type\": \"outc\n" + Line(Record(JournalRecord.Intent, "2")) + "\n");

        var e = Assert.Throws<KeyWardenException>(() => ChangeJournal.Read(path));

        Assert.Equal(ExitCodes.UsageOrInput, e.ExitCode);
        Assert.StartsWith(path + ": line 2 ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Appending_after_a_torn_final_line_keeps_the_journal_readable()
    {
        // A run was killed in the middle of writing a record; the next run appends to the same journal.
        var path = PathOf("j.jsonl");
        var torn = Line(Record(JournalRecord.Intent, "2"));
        using (var first = ChangeJournal.OpenForAppend(path))
        {
            first.Append(Record(JournalRecord.Intent, "1"));
            first.Append(Record(JournalRecord.Outcome, "1", StepResult.Changed));
        }

        File.AppendAllText(path, torn[..20]);

        using (var journal = ChangeJournal.OpenForAppend(path))
        {
            journal.Append(Record(JournalRecord.Intent, "2"));
            journal.Append(Record(JournalRecord.Outcome, "2", StepResult.Changed));
        }

        var records = ChangeJournal.Read(path);
        Assert.Equal([("1", "intent"), ("1", "outcome"), ("2", "intent"), ("2", "outcome")], records.Select(r => (r.StepId!, r.Type)));
    }

    [Fact]
    public void A_whole_last_record_missing_only_its_newline_is_kept_when_appending()
    {
        var path = PathOf("j.jsonl");
        using (var first = ChangeJournal.OpenForAppend(path))
        {
            first.Append(Record(JournalRecord.Intent, "1"));
            first.Append(Record(JournalRecord.Outcome, "1", StepResult.Changed));
        }

        File.WriteAllText(path, File.ReadAllText(path).TrimEnd('\n')); // the crash came just before the newline

        using (var journal = ChangeJournal.OpenForAppend(path))
        {
            journal.Append(Record(JournalRecord.Intent, "2"));
        }

        Assert.Equal([("1", "intent"), ("1", "outcome"), ("2", "intent")], ChangeJournal.Read(path).Select(r => (r.StepId!, r.Type)));
        Assert.EndsWith("}\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_journal_is_held_exclusively()
    {
        var path = PathOf("j.jsonl");
        using var first = ChangeJournal.OpenForAppend(path);

        var e = Assert.Throws<KeyWardenException>(() => ChangeJournal.OpenForAppend(path));
        Assert.Equal(ExitCodes.AwsOrRuntime, e.ExitCode);
        Assert.Equal($"{path}: another apply or undo holds this journal; nothing was done: wait for it to finish and try again", e.Message);

        // A reader (verify) gets the same message, not an IOException's.
        var read = Assert.Throws<KeyWardenException>(() => ChangeJournal.Read(path));
        Assert.Contains("another apply or undo holds this journal", read.Message);
    }

    [Fact]
    public void A_journal_locked_by_another_process_gives_the_designed_message()
    {
        var path = PathOf("j.jsonl");
        File.WriteAllText(path, "");

        // flock(1) takes the same advisory lock (flock LOCK_EX) that FileShare.None takes on Unix.
        using var holder = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("flock", ["-x", path, "-c", "echo locked; exec sleep 30"])
        {
            RedirectStandardOutput = true,
        })!;
        try
        {
            Assert.Equal("locked", holder.StandardOutput.ReadLine());

            var e = Assert.Throws<KeyWardenException>(() => ChangeJournal.OpenForAppend(path));

            Assert.Equal(ExitCodes.AwsOrRuntime, e.ExitCode);
            Assert.Contains("another apply or undo holds this journal", e.Message);
            Assert.DoesNotContain("process", e.Message); // not the IOException's "being used by another process"
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }

        // Once the holder is gone (its child may take a moment to die), the journal opens.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var afterwards = ChangeJournal.OpenForAppend(path);
                Assert.Empty(afterwards.Records);
                break;
            }
            catch (KeyWardenException) when (attempt < 50)
            {
                Thread.Sleep(100);
            }
        }
    }

    private string ChainedJournal(int steps = 3)
    {
        var path = PathOf("chained.jsonl");
        using var journal = ChangeJournal.OpenForAppend(path);
        journal.Append(JournalRecord.RunStarted("plan-1", TestData.AsOf, "apply", "123456789012", "arn:aws:iam::123456789012:user/admin", new string('a', 64)));
        for (var i = 1; i <= steps; i++)
        {
            journal.Append(Record(JournalRecord.Intent, $"{i}"));
            journal.Append(Record(JournalRecord.Outcome, $"{i}", StepResult.Changed));
        }

        return path;
    }

    private static List<string> LinesOf(string path) => File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static void Write(string path, IEnumerable<string> lines) => File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")));

    private static KeyWardenException AssertRefused(string path, int line)
    {
        var before = File.ReadAllBytes(path);
        var read = Assert.Throws<KeyWardenException>(() => ChangeJournal.Read(path));
        var open = Assert.Throws<KeyWardenException>(() => ChangeJournal.OpenForAppend(path));

        foreach (var e in new[] { read, open })
        {
            Assert.Equal(ExitCodes.UsageOrInput, e.ExitCode);
            Assert.StartsWith($"{path}: line {line}", e.Message);
            Assert.DoesNotContain('\n', e.Message);
        }

        Assert.Equal(before, File.ReadAllBytes(path)); // refused before anything was repaired or appended
        return read;
    }

    [Fact]
    public void Every_line_but_the_first_carries_the_SHA256_of_the_line_before_it()
    {
        var path = ChainedJournal();
        var lines = LinesOf(path);

        using (var first = JsonDocument.Parse(lines[0]))
        {
            Assert.False(first.RootElement.TryGetProperty("prev", out _));
            Assert.Equal(new string('a', 64), first.RootElement.GetProperty("planDigest").GetString());
        }

        for (var i = 1; i < lines.Count; i++)
        {
            var expected = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(lines[i - 1]))).ToLowerInvariant();
            using var doc = JsonDocument.Parse(lines[i]);
            Assert.Equal(expected, doc.RootElement.GetProperty("prev").GetString());
        }

        Assert.Equal(0, ChangeJournal.ReadContents(path).UnchainedLines);
    }

    [Fact]
    public void Append_sets_prev_itself_whatever_the_caller_gave_and_the_chain_continues_across_runs()
    {
        var path = ChainedJournal(1);
        var lastLine = LinesOf(path)[^1];

        JournalRecord written;
        using (var journal = ChangeJournal.OpenForAppend(path))
        {
            Assert.Equal(3, journal.Records.Count);
            written = journal.Append(Record(JournalRecord.Intent, "2") with { Prev = new string('0', 64) });
        }

        Assert.Equal(ChangeJournal.HashOf(System.Text.Encoding.UTF8.GetBytes(lastLine)), written.Prev);
        Assert.Equal(written, ChangeJournal.Read(path)[^1]);
    }

    public static TheoryData<string> LineEdits => new() { "edit", "remove", "insert copy", "swap", "remove first", "strip prev", "crlf" };

    [Theory]
    [MemberData(nameof(LineEdits))]
    public void An_edited_inserted_removed_or_reordered_line_is_refused_naming_the_line(string edit)
    {
        var path = ChainedJournal();
        var lines = LinesOf(path);
        var line = 0;
        switch (edit)
        {
            case "edit": // a "changed" outcome made to look "failed", so that undo would leave the key alone
                lines[2] = lines[2].Replace("\"changed\"", "\"failed\"");
                line = 4;
                break;
            case "remove":
                lines.RemoveAt(2);
                line = 3;
                break;
            case "insert copy":
                lines.Insert(3, lines[1]);
                line = 4;
                break;
            case "swap":
                (lines[3], lines[4]) = (lines[4], lines[3]);
                line = 4;
                break;
            case "remove first":
                lines.RemoveAt(0);
                line = 1;
                break;
            case "strip prev":
                lines[3] = JsonSerializer.Serialize(JsonSerializer.Deserialize<JournalRecord>(lines[3], JsonOptions)! with { Prev = null }, JsonOptions);
                line = 4;
                break;
            case "crlf":
                lines[1] += "\r";
                line = 3;
                break;
        }

        Write(path, lines);

        var e = AssertRefused(path, line);
        Assert.Contains(edit == "crlf" ? "hash chain" : "line", e.Message);
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    [Fact]
    public void A_broken_chain_says_which_line_and_that_it_is_the_hash_chain()
    {
        var path = ChainedJournal();
        var lines = LinesOf(path);
        lines[2] = lines[2].Replace("deactivated", "deactivatex");
        Write(path, lines);

        var e = AssertRefused(path, 4);

        Assert.Contains("hash chain is broken", e.Message);
        Assert.Contains("nothing was changed", e.Message);
    }

    [Fact]
    public void A_torn_last_line_of_a_chained_journal_is_tolerated_and_repaired_and_the_chain_goes_on()
    {
        var path = ChainedJournal();
        var complete = File.ReadAllText(path);
        var torn = Line(Record(JournalRecord.Intent, "9"));
        File.WriteAllText(path, complete + torn[..25]);

        Assert.Equal(7, ChangeJournal.Read(path).Count);
        using (var journal = ChangeJournal.OpenForAppend(path))
        {
            Assert.Equal(complete, ApplierTests.ReadFileBypassingLock(path)); // the fragment is cut off
            journal.Append(Record(JournalRecord.Intent, "4"));
        }

        Assert.Equal(8, ChangeJournal.Read(path).Count);
    }

    [Fact]
    public void A_journal_from_before_the_chain_is_read_and_said_to_be_unchecked_and_stays_readable_after_appending()
    {
        var path = PathOf("legacy.jsonl");
        File.WriteAllText(path, Line(Record(JournalRecord.Intent, "1")) + "\n" + Line(Record(JournalRecord.Outcome, "1", StepResult.Changed)) + "\n");

        var contents = ChangeJournal.ReadContents(path);
        Assert.Equal(2, contents.UnchainedLines);
        Assert.Contains("without the journal hash chain", contents.UnchainedNote(path));

        using (var journal = ChangeJournal.OpenForAppend(path))
        {
            journal.Append(JournalRecord.RunStarted("plan-1", TestData.AsOf, "undo", "123456789012", "arn:aws:iam::123456789012:user/admin", null));
            journal.Append(Record(JournalRecord.Intent, "1") with { Action = JournalRecord.Reactivate });
        }

        var after = ChangeJournal.ReadContents(path);
        Assert.Equal(4, after.Records.Count);
        Assert.Equal(2, after.UnchainedLines);

        // Once chained, a line without prev is an edit, even in a journal that began unchained.
        File.AppendAllText(path, Line(Record(JournalRecord.Outcome, "1", StepResult.Changed) with { Action = JournalRecord.Reactivate }) + "\n");
        Assert.Contains("hash chain is broken", AssertRefused(path, 5).Message);
    }

    [Fact]
    public void A_line_without_prev_put_in_front_of_a_chained_journal_is_refused()
    {
        // A copy of the first line (which has no prev) inserted before it: the second line's prev still matches.
        var path = ChainedJournal();
        var lines = LinesOf(path);
        lines.Insert(0, lines[0]);
        Write(path, lines);

        Assert.Contains("hash chain is broken", AssertRefused(path, 3).Message);
    }

    [Fact]
    public void A_single_record_or_a_fully_chained_journal_has_no_unchecked_lines()
    {
        var path = PathOf("one.jsonl");
        File.WriteAllText(path, Line(Record(JournalRecord.Intent, "1")) + "\n");

        Assert.Equal(0, ChangeJournal.ReadContents(path).UnchainedLines);
        Assert.Null(ChangeJournal.ReadContents(path).UnchainedNote(path));
    }

    public static TheoryData<string, string, string> BadRecords => new()
    {
        { "duplicate property", """{"type":"outcome","planId":"plan-1","at":"2026-11-28T09:00:00Z","stepId":"1","action":"deactivate","accountId":"123456789012","user":"alice","keyId":"AKIAALICE00000000001","result":"changed","result":"failed"}""", "Duplicate" },
        { "no keyId", """{"type":"intent","planId":"plan-1","at":"2026-11-28T09:00:00Z","stepId":"1","action":"deactivate","accountId":"123456789012","user":"alice"}""", "keyId is missing" },
        { "no user", """{"type":"intent","planId":"plan-1","at":"2026-11-28T09:00:00Z","stepId":"1","action":"deactivate","accountId":"123456789012","keyId":"AKIAALICE00000000001"}""", "user is missing" },
        { "bad at", """{"type":"started","planId":"plan-1","at":"yesterday-ish"}""", "not a timestamp" },
        { "no at", """{"type":"started","planId":"plan-1"}""", "not a journal record" },
        { "null type", """{"type":null,"planId":"plan-1","at":"2026-11-28T09:00:00Z"}""", "not a journal record" },
        { "unknown type", """{"type":"rollback","planId":"plan-1","at":"2026-11-28T09:00:00Z"}""", "unknown record type" },
        { "unknown result", """{"type":"outcome","planId":"plan-1","at":"2026-11-28T09:00:00Z","stepId":"1","action":"deactivate","accountId":"123456789012","user":"alice","keyId":"AKIAALICE00000000001","result":"done"}""", "result 'done'" },
        { "unknown action", """{"type":"intent","planId":"plan-1","at":"2026-11-28T09:00:00Z","stepId":"1","action":"delete","accountId":"123456789012","user":"alice","keyId":"AKIAALICE00000000001"}""", "action 'delete'" },
        { "bad account", """{"type":"intent","planId":"plan-1","at":"2026-11-28T09:00:00Z","stepId":"1","action":"deactivate","accountId":"12345","user":"alice","keyId":"AKIAALICE00000000001"}""", "accountId is not 12 digits" },
        { "bad key id", """{"type":"intent","planId":"plan-1","at":"2026-11-28T09:00:00Z","stepId":"1","action":"deactivate","accountId":"123456789012","user":"alice","keyId":"akia-1"}""", "keyId is not an access key id" },
        { "wrong type", """{"type":"intent","planId":"plan-1","at":"2026-11-28T09:00:00Z","stepId":1}""", "not a journal record" },
        { "array", """[1,2,3]""", "not a journal record" },
        { "null", """null""", "not a journal record" },
        { "reversal on a deactivate", """{"type":"intent","planId":"plan-1","at":"2026-11-28T09:00:00Z","stepId":"1","action":"deactivate","accountId":"123456789012","user":"alice","keyId":"AKIAALICE00000000001","reversal":true}""", "reversal" },
    };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public void A_record_undo_could_not_trust_is_refused_naming_its_line(string what, string line, string mention)
    {
        var path = PathOf("bad.jsonl");
        File.WriteAllText(path, Line(Record(JournalRecord.Intent, "1")) + "\n" + line + "\n");

        var e = AssertRefused(path, 2);

        Assert.True(e.Message.Contains(mention, StringComparison.Ordinal), $"{what}: {e.Message}");
    }

    [Fact]
    public void A_journal_larger_than_any_keywarden_writes_is_refused_before_it_is_read()
    {
        var path = PathOf("huge.jsonl");
        using (var file = new FileStream(path, FileMode.Create))
        {
            file.SetLength(ChangeJournal.MaxJournalBytes + 1); // sparse: no disk used
        }

        var e = Assert.Throws<KeyWardenException>(() => ChangeJournal.Read(path));

        Assert.Equal(ExitCodes.UsageOrInput, e.ExitCode);
        Assert.Contains("more than a journal can be", e.Message);
        Assert.Throws<KeyWardenException>(() => ChangeJournal.OpenForAppend(path));
        Assert.Equal(ChangeJournal.MaxJournalBytes + 1, new FileInfo(path).Length);
    }
}
