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

        Assert.Equal(records, ChangeJournal.Read(path));
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
    public void Blank_lines_are_ignored()
    {
        var path = PathOf("j.jsonl");
        File.WriteAllText(path, Line(Record(JournalRecord.Intent, "1")) + "\n\n   \n" + Line(Record(JournalRecord.Outcome, "1", StepResult.Changed)) + "\n");

        Assert.Equal(2, ChangeJournal.Read(path).Count);
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
        File.WriteAllText(path, Line(Record(JournalRecord.Intent, "1")) + "\n" + Line(Record(JournalRecord.Outcome, "1", StepResult.Changed)) + "\n" + torn[..20]);

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
        File.WriteAllText(path, Line(Record(JournalRecord.Intent, "1")) + "\n" + Line(Record(JournalRecord.Outcome, "1", StepResult.Changed)));

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
        Assert.Contains("is another apply or undo running?", e.Message);
    }
}
