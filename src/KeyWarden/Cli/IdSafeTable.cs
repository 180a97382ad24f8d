using Spectre.Console;
using Spectre.Console.Rendering;

namespace KeyWarden.Cli;

/// <summary>
/// A rounded Spectre table in which only the sentence columns wrap, between words: every other column (an account
/// id, a user name, an access key id, a result) keeps its values whole. When the console is too narrow for that, the
/// table is written wider than the console rather than cut an id across lines (the same rule as the audit table).
/// </summary>
internal sealed class IdSafeTable
{
    private readonly Table _table;
    private readonly string? _title;
    private readonly bool[] _wraps;
    private readonly int[] _widths;

    /// <param name="columns">Each column's header and whether it holds sentences (wraps) rather than values.</param>
    public IdSafeTable(string? title, params (string Header, bool Wraps)[] columns)
    {
        // The title is a line of its own above the table: Spectre centres a table title with trailing padding.
        _table = new Table().Border(TableBorder.Rounded);
        _title = title;

        _wraps = [.. columns.Select(c => c.Wraps)];
        _widths = new int[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            var column = new TableColumn(columns[i].Header);
            _table.AddColumn(_wraps[i] ? column : column.NoWrap());
            Measure(i, columns[i].Header);
        }
    }

    /// <param name="cells">Each cell as rendered, and its plain text (what its width is measured on).</param>
    public void AddRow(params (IRenderable Cell, string Plain)[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            Measure(i, cells[i].Plain);
        }

        _table.AddRow(cells.Select(c => c.Cell));
    }

    /// <summary>The narrowest console the table fits without cutting a value or a word.</summary>
    public int RequiredWidth => _widths.Sum() + (3 * _widths.Length) + 1;

    /// <summary>The title (markup) on its own line, then the table.</summary>
    public void Write(IAnsiConsole console)
    {
        if (_title is not null)
        {
            console.MarkupLine(_title);
        }

        var width = console.Profile.Width;
        if (width >= RequiredWidth)
        {
            console.Write(_table);
            return;
        }

        console.Profile.Width = RequiredWidth;
        try
        {
            console.Write(_table);
        }
        finally
        {
            console.Profile.Width = width;
        }
    }

    /// <summary>A value column needs its widest line; a sentence column its longest word.</summary>
    private void Measure(int column, string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var parts = _wraps[column] ? line.Split(' ') : [line];
            foreach (var part in parts)
            {
                _widths[column] = Math.Max(_widths[column], new Segment(part).CellCount());
            }
        }
    }
}
