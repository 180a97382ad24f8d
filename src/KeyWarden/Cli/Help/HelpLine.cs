namespace KeyWarden.Cli.Help;

/// <summary>One line of help: its indentation, then its spans separated by single spaces.</summary>
public sealed record HelpLine(int Indent, IReadOnlyList<HelpSpan> Spans)
{
    public static readonly HelpLine Empty = new(0, []);

    public int Length => Spans.Count == 0 ? 0 : Indent + Spans.Sum(s => s.Text.Length) + Spans.Count - 1;

    public HelpLine Append(HelpSpan span) => new(Indent, [.. Spans, span]);

    public override string ToString() => Spans.Count == 0 ? "" : new string(' ', Indent) + string.Join(' ', Spans.Select(s => s.Text));
}
