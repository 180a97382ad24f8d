using KeyWarden.Remediation;

namespace KeyWarden.Tests.Remediation;

public class UndoSelectionTests
{
    private static UndoCandidate Candidate(string step, string user) =>
        new(new JournalRecord(JournalRecord.Intent, "plan-1", "2026-11-28T09:00:00Z", step, JournalRecord.Deactivate, "123456789012", user,
            "AKIAKEY0000000000" + step.PadLeft(3, '0'), "AKIAKEEP000000000001"), "2026-11-28T09:00:01Z", StepResult.Changed);

    private static readonly UndoCandidate[] Candidates = [Candidate("1", "alice"), Candidate("2", "bob"), Candidate("3", "svc-build"), Candidate("4", "svc-deploy")];

    [Fact]
    public void Without_options_everything_is_selected()
    {
        var (selected, error) = UndoSelection.Select(Candidates, [], []);

        Assert.Null(error);
        Assert.Equal(Candidates, selected);
    }

    [Fact]
    public void Globs_match_user_names_case_insensitively_and_ids_match_steps_and_both_must_match()
    {
        Assert.Equal(["3", "4"], UndoSelection.Select(Candidates, ["SVC-*"], []).Selected!.Select(c => c.StepId));
        Assert.Equal(["1", "3"], UndoSelection.Select(Candidates, [], ["3", "1"]).Selected!.Select(c => c.StepId));
        Assert.Equal(["4"], UndoSelection.Select(Candidates, ["svc-*"], ["4", "1"]).Selected!.Select(c => c.StepId));
        Assert.Equal(["2", "3", "4"], UndoSelection.Select(Candidates, ["bob", "svc-?????*"], []).Selected!.Select(c => c.StepId));
    }

    [Fact]
    public void Globs_and_ids_that_match_nothing_are_refused_naming_them()
    {
        var (selected, error) = UndoSelection.Select(Candidates, ["alice", "zed*"], ["9", "2"]);

        Assert.Null(selected);
        Assert.Contains("--step 9:", error);
        Assert.Contains("--principal zed*:", error);
        Assert.DoesNotContain("alice", error);
        Assert.EndsWith("Nothing was changed", error);
    }

    [Fact]
    public void Options_that_each_match_but_not_together_are_refused()
    {
        var (selected, error) = UndoSelection.Select(Candidates, ["alice"], ["2"]);

        Assert.Null(selected);
        Assert.Contains("together select no deactivation", error);
    }

    [Fact]
    public void Nothing_to_undo_and_no_options_is_an_empty_selection_not_an_error()
    {
        Assert.Equal((0, (string?)null), (UndoSelection.Select([], [], []).Selected!.Count, UndoSelection.Select([], [], []).Error));
        Assert.NotNull(UndoSelection.Select([], ["alice"], []).Error);
    }
}
