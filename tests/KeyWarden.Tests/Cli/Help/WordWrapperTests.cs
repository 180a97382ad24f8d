using KeyWarden.Cli.Help;

namespace KeyWarden.Tests.Cli.Help;

public class WordWrapperTests
{
    private static List<string> Wrap(string text, int width, int indent = 0) => WordWrapper.Wrap(text, width, indent, indent).Select(l => l.ToString()).ToList();

    [Fact]
    public void Lines_break_between_words_only_and_fill_up_to_the_width() =>
        Assert.Equal(["Default: AWS_ENDPOINT_URL_<SERVICE>", "/ AWS_ENDPOINT_URL, else AWS."], Wrap("Default: AWS_ENDPOINT_URL_<SERVICE> / AWS_ENDPOINT_URL, else AWS.", 36));

    [Fact]
    public void A_word_longer_than_the_width_stays_whole_on_its_own_line() =>
        Assert.Equal(["    see", "    docs/a-very-long/path/to-a-file.md", "    now"], Wrap("see docs/a-very-long/path/to-a-file.md now", 20, 4));

    [Fact]
    public void A_quoted_command_is_one_word_unless_it_cannot_fit_on_any_line()
    {
        Assert.Equal(["see", "`keywarden rules`", "for them"], Wrap("see `keywarden rules` for them", 20));
        Assert.Equal(["see `keywarden", "rules` now"], Wrap("see `keywarden rules` now", 14));
    }

    [Fact]
    public void An_unmatched_backtick_leaves_the_words_as_they_are() =>
        Assert.Equal(["a `b c d"], Wrap("a `b c d", 80));

    [Fact]
    public void The_first_line_may_start_at_its_own_column_and_no_line_ends_in_a_space()
    {
        var lines = WordWrapper.Wrap("one two three four", 14, 8, 2).Select(l => l.ToString()).ToList();
        Assert.Equal(["        one", "  two three", "  four"], lines);
    }
}
