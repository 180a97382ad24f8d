using KeyWarden.Reports;
using Spectre.Console;
using Spectre.Console.Rendering;
using Spectre.Console.Testing;

namespace KeyWarden.Tests.Reports;

/// <summary>The streamed line layout writes exactly the bytes Spectre's MarkupLine writes, for any text and width.</summary>
public sealed class WrappedLinesTests
{
    private static readonly string[] Words =
    [
        "a", "key", "slot:1", "AKIAIOSFODNN7EXAMPLE", "deactivate", "—", "•", "日本語", "x", "",
        "averyveryveryverylongwordthatcannotfitonanyreasonablenarrowline", "(ec2,", "us-east-1)", "90-day",
    ];

    private static string Spectre(int width, bool ansi, Action<IAnsiConsole> write)
    {
        var console = new TestConsole().Width(width);
        if (ansi)
        {
            console.EmitAnsiSequences();
        }

        write(console);
        return console.Output;
    }

    private static string Ours(int width, bool ansi, params (string Text, Style Style)[][] lines) => Spectre(width, ansi, console =>
    {
        var segments = new List<Segment>();
        foreach (var line in lines)
        {
            WrappedLines.AppendLine(segments, line, width);
        }

        console.Write(new Segments(segments));
    });

    private sealed class Segments(List<Segment> segments) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => new(maxWidth, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) => segments;
    }

    [Theory]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(20)]
    public void A_word_that_spans_two_styled_pieces_is_never_broken_between_them(int width)
    {
        var output = new List<Segment>();
        WrappedLines.AppendWords(output, [("0 pass", Style.Plain), (", ", Style.Plain), ("3 fail", Style.Parse("red")), (", ", Style.Plain), ("0 muted", Style.Plain)], width, "  ");
        var lines = string.Concat(output.Select(s => s.IsLineBreak ? "\n" : s.Text)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith(',')); // "pass," and "fail," stay whole
        Assert.Equal("0 pass, 3 fail, 0 muted", string.Join(" ", lines.Select(l => l.Trim())));
    }

    [Fact]
    public void Random_sentences_wrap_like_MarkupLine_at_every_width()
    {
        var random = new Random(20261202);
        for (var trial = 0; trial < 2000; trial++)
        {
            var spaces = new[] { " ", "  ", " ", "   " };
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => Words[random.Next(Words.Length)] + spaces[random.Next(spaces.Length)]));
            if (random.Next(3) == 0)
            {
                text = "  • " + text;
            }

            var width = random.Next(8, 170);
            var ansi = random.Next(2) == 0;

            var expected = Spectre(width, ansi, c => c.MarkupLine(Markup.Escape(text)));
            var actual = Ours(width, ansi, [(text, Style.Plain)]);

            Assert.True(expected == actual, $"width {width}, ansi {ansi}, text '{text}'\nexpected:\n{expected}\nactual:\n{actual}");
        }
    }

    [Theory]
    [InlineData("alice", "123456789012", 80)]
    [InlineData("evil name with spaces", "123456789012", 12)]
    [InlineData("averyveryveryverylongprincipalnameaverylongone", "123456789012", 20)]
    public void A_styled_title_wraps_like_MarkupLine(string principal, string account, int width)
    {
        foreach (var ansi in new[] { false, true })
        {
            var expected = Spectre(width, ansi, c => c.MarkupLine($"[bold]{Markup.Escape(principal)}[/] [grey]({Markup.Escape(account)})[/]"));
            var actual = Ours(width, ansi, [(principal, Style.Parse("bold")), (" ", Style.Plain), ($"({account})", Style.Parse("grey"))]);

            Assert.Equal(expected, actual);
        }
    }
}
