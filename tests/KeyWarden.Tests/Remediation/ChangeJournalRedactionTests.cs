using KeyWarden.Common;
using KeyWarden.Remediation;

namespace KeyWarden.Tests.Remediation;

/// <summary>A reason that quotes what a server said (here: the process's own session token) is journaled redacted.</summary>
public sealed class ChangeJournalRedactionTests
{
    [Fact]
    public void A_journal_reason_never_holds_the_processs_secret()
    {
        var token = "kwJournalToken" + Guid.NewGuid().ToString("N");
        SecretRedactor.Process.Add(token);
        var path = Path.Combine(Path.GetTempPath(), $"keywarden-journal-{Guid.NewGuid():N}.jsonl");
        try
        {
            using (var journal = ChangeJournal.OpenForAppend(path))
            {
                journal.Append(new JournalRecord(JournalRecord.Outcome, "plan-1", "2026-12-02T00:00:00Z", StepId: "s1",
                    Result: StepResult.Failed, Reason: $"AccessDenied: you sent X-Amz-Security-Token={token}"));
            }

            var text = File.ReadAllText(path);
            Assert.DoesNotContain(token, text);
            Assert.Contains(SecretRedactor.Mask, text);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
