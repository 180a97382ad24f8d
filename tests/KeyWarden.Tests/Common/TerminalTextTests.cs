using KeyWarden.Common;

namespace KeyWarden.Tests.Common;

public class TerminalTextTests
{
    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("a\u001bb", @"a\u001bb")]
    [InlineData("a\u0007", @"a\u0007")]
    [InlineData("tab\there", @"tab\u0009here")]
    [InlineData("line\nbreak\r", @"line\u000abreak\u000d")]
    [InlineData("del\u007f", @"del\u007f")]
    [InlineData("c1\u0085\u009b", @"c1\u0085\u009b")]
    [InlineData("\u202aLRE\u202bRLE\u202cPDF\u202dLRO\u202eRLO", @"\u202aLRE\u202bRLE\u202cPDF\u202dLRO\u202eRLO")]
    [InlineData("\u2066LRI\u2067RLI\u2068FSI\u2069PDI", @"\u2066LRI\u2067RLI\u2068FSI\u2069PDI")]
    [InlineData("\u200eLRM\u200fRLM\u061cALM", @"\u200eLRM\u200fRLM\u061cALM")]
    [InlineData("sep\u2028\u2029", @"sep\u2028\u2029")]
    [InlineData("back\\slash", @"back\\slash")]
    [InlineData("typed \\u001b", @"typed \\u001b")]
    [InlineData("zoë 名前 😀", "zoë 名前 😀")]
    public void Escape_shows_unsafe_characters_and_backslashes_escaped(string value, string shown) =>
        Assert.Equal(shown, TerminalText.Escape(value));

    [Fact]
    public void Escape_shows_a_lone_surrogate_escaped_and_keeps_a_pair()
    {
        Assert.Equal(@"x\ud800y", TerminalText.Escape("x\ud800y"));
        Assert.Equal(@"x\udc00", TerminalText.Escape("x\udc00"));
        Assert.Equal("\ud83d\ude00", TerminalText.Escape("\ud83d\ude00"));
    }

    [Fact]
    public void EscapeLine_keeps_backslashes_so_paths_and_already_escaped_values_read_as_written()
    {
        Assert.Equal(@"C:\reports\a.csv: line 2: found 'x\u0007' then \u001b", TerminalText.EscapeLine("C:\\reports\\a.csv: line 2: found 'x\\u0007' then \u001b"));
    }

    [Fact]
    public void Null_and_empty_are_empty() =>
        Assert.Equal(string.Empty, TerminalText.Escape(null) + TerminalText.EscapeLine(string.Empty));

    [Fact]
    public void Every_unsafe_character_leaves_the_output_escaped()
    {
        for (var c = '\0'; c < '\uffff'; c++)
        {
            var shown = TerminalText.Escape("a" + c + "b");
            Assert.DoesNotContain(shown, ch => TerminalText.IsUnsafe(ch));
        }
    }

    [Fact]
    public void The_stderr_writer_escapes_inside_a_message_and_keeps_the_line_ends_of_WriteLine()
    {
        var inner = new StringWriter { NewLine = "\n" };
        var writer = TerminalTextWriter.Wrap(inner);

        writer.WriteLine("keywarden: note: bob\u001b[2K\nkeywarden: error: forged");
        writer.Write("prompt \u202e: ");
        writer.Write('\u0007');
        writer.WriteLine();
        writer.Write("a\u001bb".ToCharArray(), 0, 3);
        writer.WriteLine("x\u001b".AsSpan());

        Assert.Equal("keywarden: note: bob\\u001b[2K\\u000akeywarden: error: forged\nprompt \\u202e: \\u0007\na\\u001bbx\\u001b\n", inner.ToString());
        Assert.Same(writer, TerminalTextWriter.Wrap(writer));
    }

    [Fact]
    public void A_fragment_written_with_Write_keeps_its_line_feeds_and_escapes_the_rest()
    {
        var inner = new StringWriter { NewLine = "\n" };
        var writer = TerminalTextWriter.Wrap(inner);

        writer.Write("a\r\nb\u001b\n");
        writer.Write('\n');

        Assert.Equal("a\\u000d\nb\\u001b\n\n", inner.ToString());
    }

    /// <summary>Holds text until a line ends, then forwards it with Write, as a redacting writer does.</summary>
    private sealed class LineBufferingWriter(TextWriter inner) : TextWriter
    {
        private readonly System.Text.StringBuilder _pending = new();

        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            _pending.Append(value);
            if (value == '\n')
            {
                inner.Write(_pending.ToString());
                _pending.Clear();
            }
        }
    }

    [Fact]
    public void A_line_buffering_writer_stacked_on_the_terminal_keeps_messages_escaped_and_lines_whole()
    {
        var inner = new StringWriter { NewLine = "\n" };
        var terminal = new KeyWarden.Cli.Terminal(new Spectre.Console.Testing.TestConsole(), inner, new StringReader(string.Empty), IsInteractive: false);

        var stacked = terminal with { Err = new LineBufferingWriter(terminal.Err) };
        stacked.Note("keywarden: note: bob\u001b[2K\nkeywarden: error: forged");
        stacked.Note("second");

        Assert.Equal("keywarden: note: bob\\u001b[2K\\u000akeywarden: error: forged\nsecond\n", inner.ToString());
    }
}
