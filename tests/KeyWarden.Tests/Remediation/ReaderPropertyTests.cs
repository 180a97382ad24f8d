using System.Text;
using CsCheck;
using KeyWarden.Remediation;

namespace KeyWarden.Tests.Remediation;

/// <summary>
/// The plan and journal readers against generated damage (<see cref="FileMutation"/>): every input gives a result or a
/// clean one-line KeyWardenException with exit 2, never another exception; and the journal's hash chain catches
/// every change to a complete line that the chain can see, while a torn last line is still tolerated.
/// Fixed seeds and budgets: a failure prints its seed and shrunk input, and replays.
/// </summary>
public class ReaderPropertyTests : TempDirTest
{
    private const string Seed = "0N0XIzNsQ0O2";

    private const int Iterations = 1000;

    private byte[] ValidJournal()
    {
        var path = PathOf("valid.jsonl");
        using (var journal = ChangeJournal.OpenForAppend(path))
        {
            journal.Append(JournalRecord.RunStarted(RemediationCases.PlanId, TestData.AsOf, "apply", RemediationCases.Account, "arn:aws:iam::123456789012:user/rem", new string('c', 64)));
            foreach (var (step, user, key, keep) in new[] { ("1", "alice", RemediationCases.A1, RemediationCases.A2), ("2", "bob", RemediationCases.B1, RemediationCases.B2) })
            {
                var intent = new JournalRecord(JournalRecord.Intent, RemediationCases.PlanId, "2026-11-28T09:00:00Z", step, JournalRecord.Deactivate,
                    RemediationCases.Account, user, key, keep, Reason: "deactivating");
                journal.Append(intent);
                journal.Append(intent with { Type = JournalRecord.Outcome, Result = StepResult.Changed, Reason = "deactivated", StatusAfter = "Inactive" });
            }

            var reactivate = new JournalRecord(JournalRecord.Intent, RemediationCases.PlanId, "2026-11-28T09:05:00Z", "1", JournalRecord.Reactivate,
                RemediationCases.Account, "alice", RemediationCases.A1, RemediationCases.A2, Reason: "reactivating");
            journal.Append(reactivate);
            journal.Append(reactivate with { Type = JournalRecord.Outcome, Result = StepResult.Unknown, Reason = "no answer" });
            journal.Append(JournalRecord.RunFinished(RemediationCases.PlanId, TestData.AsOf, "undo", RemediationCases.Account, interrupted: false));
        }

        return File.ReadAllBytes(path);
    }

    private static void AssertCleanInputError(KeyWardenException e, string path)
    {
        Assert.Equal(ExitCodes.UsageOrInput, e.ExitCode);
        Assert.StartsWith(path + ":", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\r', e.Message);
        Assert.DoesNotContain('\u001b', e.Message);
        Assert.True(e.Message.Length < 600, e.Message);
    }

    [Fact]
    public void The_journal_reader_gives_records_or_a_one_line_input_error_for_any_damage()
    {
        var valid = ValidJournal();
        var path = PathOf("mutated.jsonl");
        FileMutation.Several.Sample(mutations =>
        {
            var bytes = mutations.Aggregate(valid, (b, m) => m.ApplyTo(b));
            File.WriteAllBytes(path, bytes);
            try
            {
                var records = ChangeJournal.Read(path);
                Assert.All(records, r => Assert.NotNull(r.Type));

                // What Read accepts, undo can act on without a null where it needs a value.
                var state = new JournalState(records);
                Assert.All(state.UndoCandidates(), c => Assert.True(c.User.Length > 0 && c.KeyId.Length > 0 && c.AccountId.Length == 12));
            }
            catch (KeyWardenException e)
            {
                AssertCleanInputError(e, path);

                // Refused for append too, and left exactly as it was.
                var open = Assert.Throws<KeyWardenException>(() => ChangeJournal.OpenForAppend(path).Dispose());
                Assert.Equal(e.Message, open.Message);
                Assert.Equal(bytes, File.ReadAllBytes(path));
            }
        }, seed: Seed, iter: Iterations, threads: 1, print: m => string.Join(" | ", m.Select(x => x.ToString())));
    }

    [Fact]
    public void The_plan_reader_gives_a_plan_or_a_one_line_input_error_for_any_damage()
    {
        var path = PathOf("plan.json");
        PlanFile.Save(RemediationCases.ThreeUserPlan(), path);
        var valid = File.ReadAllBytes(path);
        FileMutation.Several.Sample(mutations =>
        {
            File.WriteAllBytes(path, mutations.Aggregate(valid, (b, m) => m.ApplyTo(b)));
            try
            {
                var plan = PlanFile.Load(path);
                Assert.All(plan.Steps, s => Assert.True(s.User.Length > 0 && s.DeactivateKey != s.KeepKey));
            }
            catch (KeyWardenException e)
            {
                AssertCleanInputError(e, path);
            }
        }, seed: Seed, iter: Iterations, threads: 1, print: m => string.Join(" | ", m.Select(x => x.ToString())));
    }

    /// <summary>A change to the sequence of complete lines, of a kind the chain must see.</summary>
    private sealed record LineChange(string Kind, int A, int B, int Byte);

    private static readonly Gen<LineChange> LineChanges =
        Gen.Select(Gen.OneOf("edit", "insert copy", "remove", "swap"), Gen.Int[0, 1000], Gen.Int[0, 1000], Gen.Int[0, 10_000])
            .Select((kind, a, b, at) => new LineChange(kind, a, b, at));

    [Fact]
    public void Any_edit_insert_removal_or_reordering_of_a_complete_line_is_refused()
    {
        var valid = ValidJournal();
        var lines = Encoding.UTF8.GetString(valid).TrimEnd('\n').Split('\n');
        var path = PathOf("changed.jsonl");
        LineChanges.Sample(change =>
        {
            var changed = lines.ToList();
            var n = changed.Count;
            switch (change.Kind)
            {
                case "edit":
                    // Any line but the last (only a later line's prev covers a line; docs/remediation.md says so).
                    var line = change.A % (n - 1);
                    var chars = changed[line].ToCharArray();
                    var at = change.Byte % chars.Length;
                    chars[at] = chars[at] == 'x' ? 'y' : 'x';
                    changed[line] = new string(chars);
                    break;
                case "insert copy":
                    changed.Insert(change.A % (n + 1), changed[change.B % n]);
                    break;
                case "remove":
                    // Any line but the last: cutting lines off the end is the truncation the chain cannot see.
                    changed.RemoveAt(change.A % (n - 1));
                    break;
                default:
                    var (i, j) = (change.A % n, change.B % n);
                    if (i == j)
                    {
                        j = (i + 1) % n;
                    }

                    (changed[i], changed[j]) = (changed[j], changed[i]);
                    break;
            }

            File.WriteAllText(path, string.Concat(changed.Select(l => l + "\n")));
            var e = Assert.Throws<KeyWardenException>(() => ChangeJournal.Read(path));
            AssertCleanInputError(e, path);
        }, seed: Seed, iter: 500, threads: 1);
    }

    [Fact]
    public void A_torn_last_line_is_tolerated_and_the_records_before_it_are_kept()
    {
        var valid = ValidJournal();
        var expected = new List<JournalRecord>();
        File.WriteAllBytes(PathOf("whole.jsonl"), valid);
        expected.AddRange(ChangeJournal.Read(PathOf("whole.jsonl")));

        var next = Encoding.UTF8.GetBytes(
            """{"type":"intent","planId":"11111111-2222-3333-4444-555555555555","at":"2026-11-28T09:09:00Z","stepId":"2","action":"reactivate","accountId":"123456789012","user":"bob","keyId":"AKIABOB0000000000001","reason":"reactivating"}""");
        var path = PathOf("torn.jsonl");
        Gen.Int[1, next.Length - 1].Sample(cut =>
        {
            File.WriteAllBytes(path, [.. valid, .. next[..cut]]);

            Assert.Equal(expected, ChangeJournal.Read(path));
            using (var journal = ChangeJournal.OpenForAppend(path))
            {
                Assert.Equal(expected, journal.Records);
                journal.Append(expected[^1] with { At = "2026-11-28T09:10:00Z" });
            }

            Assert.Equal(expected.Count + 1, ChangeJournal.Read(path).Count);
        }, seed: Seed, iter: 200, threads: 1);
    }
}
