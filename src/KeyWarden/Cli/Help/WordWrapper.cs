namespace KeyWarden.Cli.Help;

/// <summary>
/// Fills lines with whole words: a line breaks only between words, so an option name, an environment variable
/// (AWS_ENDPOINT_URL_&lt;SERVICE&gt;), a path or an id is never cut; a word longer than the line stays whole on a
/// line of its own (a terminal may fold it, but a reader can still copy it).
/// </summary>
public static class WordWrapper
{
    public static IReadOnlyList<HelpLine> Wrap(string text, int width, int firstIndent, int indent) =>
        Wrap(Words(text).Select(w => new HelpSpan(w)), width, firstIndent, indent);

    /// <param name="firstIndent">Where the first line starts (a column, as after a command's name).</param>
    /// <param name="indent">Where every other line starts.</param>
    public static IReadOnlyList<HelpLine> Wrap(IEnumerable<HelpSpan> words, int width, int firstIndent, int indent)
    {
        var lines = new List<HelpLine>();
        var current = new HelpLine(firstIndent, []);
        // A phrase kept together (a quoted command) that cannot fit on any line is broken between its words after all.
        foreach (var word in words.SelectMany(w => w.Text.Contains(' ') && w.Text.Length > width - indent ? w.Text.Split(' ').Select(p => w with { Text = p }) : [w]))
        {
            if (current.Spans.Count > 0 && current.Length + 1 + word.Text.Length > width)
            {
                lines.Add(current);
                current = new HelpLine(indent, []);
            }

            current = current.Append(word);
        }

        if (current.Spans.Count > 0)
        {
            lines.Add(current);
        }

        return lines;
    }

    /// <summary>
    /// The words of a description; a `quoted command` counts as one word, so that what a reader is told to type
    /// is never split over two lines.
    /// </summary>
    public static IEnumerable<string> Words(string text)
    {
        var quoted = new List<string>();
        foreach (var word in text.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (quoted.Count > 0)
            {
                quoted.Add(word);
                if (word.Contains('`'))
                {
                    yield return string.Join(' ', quoted);
                    quoted.Clear();
                }
            }
            else if (word.Count(c => c == '`') == 1)
            {
                quoted.Add(word);
            }
            else
            {
                yield return word;
            }
        }

        // An unmatched backtick: the words as they are.
        foreach (var word in quoted)
        {
            yield return word;
        }
    }
}
