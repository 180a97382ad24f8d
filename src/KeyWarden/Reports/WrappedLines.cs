using Spectre.Console;
using Spectre.Console.Rendering;

namespace KeyWarden.Reports;

/// <summary>
/// Lays out lines of styled text the way Spectre's Paragraph does (what <c>MarkupLine</c> writes) — split into words and
/// whitespace runs, a word that does not fit starts a new line, whitespace at the start of a wrapped line is dropped, a
/// word longer than the width is folded — without building a widget per line: Spectre's paragraph layout costs far more
/// per line than the table rows around it. Tests compare the bytes with Spectre's own for random text and widths.
/// </summary>
internal static class WrappedLines
{
    /// <summary>Appends one line (pieces of styled text, no line breaks in them) wrapped at <paramref name="maxWidth"/>, then a line break.</summary>
    public static void AppendLine(List<Segment> output, IEnumerable<(string Text, Style Style)> pieces, int maxWidth) =>
        Lay(output, pieces.SelectMany(p => Words(p.Text).Select(w => new Segment(w, p.Style))), maxWidth, endWithBreak: true);

    /// <summary>
    /// One line of segments wrapped at <paramref name="maxWidth"/>, as the physical lines a Spectre paragraph (a table
    /// cell) shows; null when it ends in a wrap with nothing after it, where Spectre joins the next line to this one.
    /// </summary>
    public static List<List<Segment>>? Wrap(IEnumerable<Segment> pieces, int maxWidth)
    {
        var laid = new List<Segment>();
        if (!Lay(laid, pieces.SelectMany(p => Words(p.Text).Select(w => new Segment(w, p.Style))), maxWidth, endWithBreak: false))
        {
            return null;
        }

        var lines = new List<List<Segment>> { new() };
        foreach (var segment in laid)
        {
            if (segment.IsLineBreak)
            {
                lines.Add([]);
            }
            else
            {
                lines[^1].Add(segment);
            }
        }

        return lines;
    }

    /// <returns>False when the line ended in a wrap with nothing after it (no final break written).</returns>
    private static bool Lay(List<Segment> output, IEnumerable<Segment> wordSegments, int maxWidth, bool endWithBreak)
    {
        var lineWidth = 0;
        var wrapPending = false; // a wrap's line break, written only if something follows it (Spectre drops an empty last line)
        var newLine = false; // true only after a wrap: a line's own leading whitespace stays
        var queue = new Queue<Segment>();
        using var words = wordSegments.GetEnumerator();
        while (true)
        {
            Segment current;
            if (queue.Count > 0)
            {
                current = queue.Dequeue();
            }
            else if (words.MoveNext())
            {
                current = words.Current;
            }
            else
            {
                break;
            }

            var length = current.CellCount();
            if (length > maxWidth)
            {
                var folded = Fold(current, maxWidth);
                if (lineWidth + folded[0].CellCount() > maxWidth)
                {
                    wrapPending = true;
                    lineWidth = 0;
                    foreach (var piece in folded)
                    {
                        queue.Enqueue(piece);
                    }

                    continue;
                }

                current = folded[0];
                length = current.CellCount();
                foreach (var piece in folded.Skip(1))
                {
                    queue.Enqueue(piece);
                }
            }
            else if (lineWidth + length > maxWidth)
            {
                wrapPending = true;
                lineWidth = 0;
                newLine = true;
            }

            if (newLine && current.IsWhiteSpace)
            {
                continue;
            }

            newLine = false;
            if (wrapPending)
            {
                output.Add(Segment.LineBreak);
                wrapPending = false;
            }

            output.Add(current);
            lineWidth += length;
        }

        // Spectre's quirk, kept for identical bytes: a wrap with nothing after it swallows the line's own break too.
        if (!wrapPending && endWithBreak)
        {
            output.Add(Segment.LineBreak);
        }

        return !wrapPending;
    }

    /// <summary>Words and whitespace runs, in order (Spectre's word split).</summary>
    private static IEnumerable<string> Words(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var whitespace = char.IsWhiteSpace(text[start]);
            var end = start;
            while (end < text.Length && char.IsWhiteSpace(text[end]) == whitespace)
            {
                end++;
            }

            yield return text[start..end];
            start = end;
        }
    }

    /// <summary>A segment wider than the line, cut into pieces of at most <paramref name="maxWidth"/> cells.</summary>
    private static List<Segment> Fold(Segment segment, int maxWidth) => Segment.SplitOverflow(segment, Overflow.Fold, maxWidth);

    /// <summary>
    /// Appends one line of styled text wrapped at <paramref name="maxWidth"/> between words only, then a line break: a
    /// word (a key id, an ARN, an account id, a user name) is never cut, however narrow the width (a longer one stands on
    /// a line of its own); a wrapped line continues after <paramref name="indent"/>; no line ends in whitespace.
    /// </summary>
    public static void AppendWords(List<Segment> output, IEnumerable<(string Text, Style Style)> pieces, int maxWidth, string indent)
    {
        var lineWidth = 0;
        var pendingSpace = new List<Segment>(); // whitespace written only when a word follows it on the same line
        var startOfLine = true;
        foreach (var (text, style) in pieces)
        {
            foreach (var word in Words(text))
            {
                var segment = new Segment(word, style);
                var length = segment.CellCount();
                if (char.IsWhiteSpace(word[0]))
                {
                    pendingSpace.Add(segment);
                    continue;
                }

                var spaceWidth = pendingSpace.Sum(p => p.CellCount());
                // A word that goes on in the next piece ("0 error" then ", ") is one word: a line breaks only at whitespace.
                if (!startOfLine && pendingSpace.Count > 0 && lineWidth + spaceWidth + length > maxWidth)
                {
                    output.Add(Segment.LineBreak);
                    output.Add(new Segment(indent));
                    lineWidth = indent.Length;
                    pendingSpace.Clear();
                    spaceWidth = 0;
                }

                output.AddRange(pendingSpace);
                pendingSpace.Clear();
                output.Add(segment);
                lineWidth += spaceWidth + length;
                startOfLine = false;
            }
        }

        output.Add(Segment.LineBreak);
    }
}
