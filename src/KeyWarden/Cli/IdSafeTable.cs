using Spectre.Console;
using Spectre.Console.Rendering;

namespace KeyWarden.Cli;

/// <summary>
/// A rounded Spectre table in which only the sentence columns wrap, between words: every other column (an account
/// id, a user name, an access key id, a result) keeps its values whole. When the console is too narrow for that, the
/// table is written wider than the console rather than cut an id across lines (the same rule as the audit table).
/// A column named by <see cref="FoldIntoTitle"/> that holds one value in every row (one account) is said once, in the
/// title, instead of taking width in every row.
/// </summary>
internal sealed class IdSafeTable
{
    private readonly string? _title;
    private readonly (string Header, bool Wraps)[] _columns;
    private readonly List<(IRenderable Cell, string Plain)[]> _rows = [];
    private (int Column, string Format)? _fold;

    /// <param name="title">Markup, or null.</param>
    /// <param name="columns">Each column's header and whether it holds sentences (wraps) rather than values.</param>
    public IdSafeTable(string? title, params (string Header, bool Wraps)[] columns)
    {
        _title = title;
        _columns = columns;
    }

    /// <param name="format">What the title gains, with {0} for the one value (" in account {0}").</param>
    public IdSafeTable FoldIntoTitle(string header, string format)
    {
        _fold = (Array.FindIndex(_columns, c => c.Header == header), format);
        return this;
    }

    /// <param name="cells">Each cell as rendered, and its plain text (what its width is measured on).</param>
    public void AddRow(params (IRenderable Cell, string Plain)[] cells) => _rows.Add(cells);

    /// <summary>The title (markup) on its own line, then the table.</summary>
    public void Write(IAnsiConsole console)
    {
        var folded = _fold is { Column: >= 0 } fold && _rows.Count > 0 && _rows.All(r => r[fold.Column].Plain == _rows[0][fold.Column].Plain)
            ? fold.Column
            : -1;
        var title = folded < 0 ? _title : _title + Markup.Escape(string.Format(System.Globalization.CultureInfo.InvariantCulture, _fold!.Value.Format, _rows[0][folded].Plain));
        if (title is not null)
        {
            // A line of its own above the table: Spectre centres a table title with trailing padding.
            console.MarkupLine(title);
        }

        var shown = Enumerable.Range(0, _columns.Length).Where(i => i != folded).ToList();
        var table = new Table().Border(TableBorder.Rounded);
        var required = 1;
        foreach (var i in shown)
        {
            var column = new TableColumn(_columns[i].Header);
            table.AddColumn(_columns[i].Wraps ? column : column.NoWrap());
            required += 3 + _rows.Select(r => r[i].Plain).Append(_columns[i].Header).Max(text => Width(text, _columns[i].Wraps));
        }

        foreach (var row in _rows)
        {
            table.AddRow(shown.Select(i => row[i].Cell));
        }

        var width = console.Profile.Width;
        if (width >= required)
        {
            console.Write(table);
            return;
        }

        console.Profile.Width = required;
        try
        {
            console.Write(table);
        }
        finally
        {
            console.Profile.Width = width;
        }
    }

    /// <summary>What a cell needs: a value its widest line; a sentence its longest word.</summary>
    private static int Width(string text, bool wraps) =>
        text.Split('\n').SelectMany(line => wraps ? line.Split(' ') : [line]).Max(part => new Segment(part).CellCount());
}
