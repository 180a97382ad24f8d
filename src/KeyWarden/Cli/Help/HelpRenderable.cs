using Spectre.Console;
using Spectre.Console.Rendering;

namespace KeyWarden.Cli.Help;

/// <summary>
/// Writes laid-out help lines as they are: the console neither re-wraps them (a long word would be cut) nor pads
/// them; with <c>color</c> false every segment is plain, so no escape sequence is written whatever the console
/// believes about its output.
/// </summary>
public sealed class HelpRenderable(IReadOnlyList<HelpLine> lines, bool color) : Renderable
{
    protected override IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        foreach (var line in lines)
        {
            if (line.Spans.Count > 0)
            {
                yield return new Segment(new string(' ', line.Indent));
                for (var i = 0; i < line.Spans.Count; i++)
                {
                    if (i > 0)
                    {
                        yield return new Segment(" ");
                    }

                    yield return new Segment(line.Spans[i].Text, color ? StyleOf(line.Spans[i].Style) : Style.Plain);
                }
            }

            yield return Segment.LineBreak;
        }
    }

    private static Style StyleOf(HelpStyle style) => style switch
    {
        HelpStyle.Heading => new Style(Color.Yellow, decoration: Decoration.Bold),
        HelpStyle.Name => new Style(Color.Aqua),
        HelpStyle.Placeholder => new Style(Color.Grey),
        _ => Style.Plain,
    };
}
