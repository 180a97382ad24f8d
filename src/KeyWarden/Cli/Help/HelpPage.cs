using System.Globalization;
using Spectre.Console.Cli.Help;

namespace KeyWarden.Cli.Help;

/// <summary>
/// The help of one command (or of the whole tool), laid out for a width, git/man style: each option's names on a
/// line of their own, its description below, indented, filled with whole words. A pure function of the command
/// model: no console, no colour (those are <see cref="HelpRenderable"/>'s).
/// </summary>
public static class HelpPage
{
    /// <summary>Where option and argument descriptions start.</summary>
    public const int DescriptionIndent = 8;

    /// <summary>Where the items of a section (an option's names, a command, an example) start.</summary>
    public const int ItemIndent = 2;

    /// <summary>Where a wrapped example or usage line goes on.</summary>
    private const int ContinuationIndent = 6;

    /// <summary>Below this many columns for a command's description beside its name, the description goes below it.</summary>
    private const int NarrowestBesideColumn = 24;

    public static IReadOnlyList<HelpLine> Lines(ICommandModel model, ICommandInfo? command, int width, string toolDescription)
    {
        var sections = new List<IReadOnlyList<HelpLine>>
        {
            Description(command?.Description ?? toolDescription, width),
            Usage(model, command, width),
            Examples(model, command, width),
            Commands(command is null ? model.Commands : command.Commands, width),
            Arguments(command, width),
            Options(model, command, width),
        };

        var lines = new List<HelpLine>();
        foreach (var section in sections.Where(s => s.Count > 0))
        {
            if (lines.Count > 0)
            {
                lines.Add(HelpLine.Empty);
            }

            lines.AddRange(section);
        }

        return lines;
    }

    private static HelpLine Heading(string name) => new(0, [new HelpSpan(name + ":", HelpStyle.Heading)]);

    private static IReadOnlyList<HelpLine> Description(string? description, int width) =>
        string.IsNullOrWhiteSpace(description) ? [] : [Heading("DESCRIPTION"), .. WordWrapper.Wrap(description, width, ItemIndent, ItemIndent)];

    private static IReadOnlyList<HelpLine> Usage(ICommandModel model, ICommandInfo? command, int width)
    {
        var words = new List<HelpSpan> { new(model.ApplicationName, HelpStyle.Name) };
        if (command is null)
        {
            words.Add(new HelpSpan("[OPTIONS]", HelpStyle.Placeholder));
            words.Add(new HelpSpan("<COMMAND>", HelpStyle.Placeholder));
        }
        else
        {
            foreach (var level in Path(command))
            {
                if (!level.IsDefaultCommand)
                {
                    words.Add(new HelpSpan(level.Name, HelpStyle.Name));
                }

                var arguments = level.Parameters.OfType<ICommandArgument>().OrderBy(a => a.Position).ToList();
                words.AddRange(arguments.Where(a => a.IsRequired).Select(a => new HelpSpan($"<{a.Value}>", HelpStyle.Placeholder)));
                words.AddRange(arguments.Where(a => !a.IsRequired).Select(a => new HelpSpan($"[{a.Value}]", HelpStyle.Placeholder)));
            }

            words.Add(new HelpSpan("[OPTIONS]", HelpStyle.Placeholder));
            if (command.IsBranch)
            {
                words.Add(new HelpSpan("<COMMAND>", HelpStyle.Placeholder));
            }
        }

        return [Heading("USAGE"), .. WordWrapper.Wrap(words, width, ItemIndent, ContinuationIndent)];
    }

    /// <summary>
    /// The command's own examples; for the tool and a branch, the first example of each command below it, so
    /// that the root's help reads as the workflow (audit, plan, apply, verify, undo).
    /// </summary>
    private static IReadOnlyList<HelpLine> Examples(ICommandModel model, ICommandInfo? command, int width)
    {
        var examples = command?.Examples.ToList() ?? model.Examples.ToList();
        if (examples.Count == 0)
        {
            examples = (command is null ? model.Commands : command.Commands)
                .Where(c => !c.IsHidden)
                .Select(FirstExample)
                .OfType<string[]>()
                .ToList();
        }

        if (examples.Count == 0)
        {
            return [];
        }

        var lines = new List<HelpLine> { Heading("EXAMPLES") };
        foreach (var example in examples)
        {
            lines.AddRange(ShellLines([model.ApplicationName, .. example], width));
        }

        return lines;
    }

    private static string[]? FirstExample(ICommandInfo command) =>
        command.Examples.FirstOrDefault() ?? command.Commands.Where(c => !c.IsHidden).Select(FirstExample).FirstOrDefault(e => e is not null);

    /// <summary>A command line that stays one to copy: a line that has to break ends with " \" (a shell continuation).</summary>
    private static IEnumerable<HelpLine> ShellLines(IReadOnlyList<string> words, int width)
    {
        var lines = WordWrapper.Wrap(words.Select(w => new HelpSpan(w)), width - 2, ItemIndent, ContinuationIndent);
        return lines.Select((line, i) => i < lines.Count - 1 ? line.Append(new HelpSpan("\\")) : line);
    }

    private static IReadOnlyList<HelpLine> Commands(IReadOnlyList<ICommandInfo> commands, int width)
    {
        var visible = commands.Where(c => !c.IsHidden).ToList();
        if (visible.Count == 0)
        {
            return [];
        }

        var lines = new List<HelpLine> { Heading("COMMANDS") };
        var column = ItemIndent + visible.Max(c => c.Name.Length) + 3;
        var beside = width - column >= NarrowestBesideColumn;
        foreach (var command in visible)
        {
            var name = new HelpSpan(command.Name, HelpStyle.Name);
            var description = WordWrapper.Words(command.Description ?? "").Select(w => new HelpSpan(w)).ToList();
            if (beside)
            {
                // The name, padded to the column, is the first word of the first line; the rest of the lines start at the column.
                var padded = new HelpSpan(command.Name.PadRight(column - ItemIndent - 1), HelpStyle.Name);
                var wrapped = WordWrapper.Wrap([padded, .. description], width, ItemIndent, column).ToList();
                if (description.Count == 0)
                {
                    wrapped = [new HelpLine(ItemIndent, [name])];
                }

                lines.AddRange(wrapped);
            }
            else
            {
                lines.Add(new HelpLine(ItemIndent, [name]));
                lines.AddRange(WordWrapper.Wrap(description, width, DescriptionIndent, DescriptionIndent));
            }
        }

        return lines;
    }

    private static IReadOnlyList<HelpLine> Arguments(ICommandInfo? command, int width)
    {
        var arguments = command?.Parameters.OfType<ICommandArgument>().Where(a => !a.IsHidden).OrderBy(a => a.Position).ToList() ?? [];
        if (arguments.Count == 0)
        {
            return [];
        }

        var lines = new List<HelpLine> { Heading("ARGUMENTS") };
        foreach (var argument in arguments)
        {
            lines.Add(new HelpLine(ItemIndent, [new HelpSpan(argument.IsRequired ? $"<{argument.Value}>" : $"[{argument.Value}]", HelpStyle.Placeholder)]));
            lines.AddRange(WordWrapper.Wrap(argument.Description ?? "", width, DescriptionIndent, DescriptionIndent));
        }

        return lines;
    }

    private static IReadOnlyList<HelpLine> Options(ICommandModel model, ICommandInfo? command, int width)
    {
        var lines = new List<HelpLine> { Heading("OPTIONS") };
        lines.AddRange(Option(["-h", "--help"], null, null, "Print this help.", width));
        if (command is null && model.ApplicationVersion is not null)
        {
            lines.AddRange(Option(["-v", "--version"], null, null, "Print the version.", width));
        }

        var options = command?.Parameters.OfType<ICommandOption>().Where(o => !o.IsHidden) ?? [];
        foreach (var option in command is null ? options : OptionOrder.Of(command, options))
        {
            var names = option.ShortNames.Select(n => "-" + n).Concat(option.LongNames.Select(n => "--" + n)).ToList();
            var value = option.ValueName is null ? null : option.ValueIsOptional ? $"[{option.ValueName}]" : $"<{option.ValueName}>";
            lines.AddRange(Option(names, value, DefaultOf(option), option.Description, width));
        }

        return lines;
    }

    /// <summary>
    /// "  -f, --format &lt;FORMATS&gt;   [default: table]", then the description below at <see cref="DescriptionIndent"/>;
    /// the default goes below the names when it does not fit beside them.
    /// </summary>
    private static IEnumerable<HelpLine> Option(IReadOnlyList<string> names, string? value, string? defaultValue, string? description, int width)
    {
        var words = names.Select((n, i) => new HelpSpan(i < names.Count - 1 ? n + "," : n, HelpStyle.Name)).ToList();
        if (value is not null)
        {
            words.Add(new HelpSpan(value, HelpStyle.Placeholder));
        }

        var head = WordWrapper.Wrap(words, width, ItemIndent, ItemIndent + 2).ToList();
        var body = WordWrapper.Wrap(description ?? "", width, DescriptionIndent, DescriptionIndent).ToList();
        if (defaultValue is not null)
        {
            var shown = new HelpSpan($"[default: {defaultValue}]", HelpStyle.Placeholder);
            if (head[^1].Length + 3 + shown.Text.Length <= width)
            {
                // Three spaces between names and default: the last name word carries the two extra.
                var last = head[^1];
                head[^1] = last with { Spans = [.. last.Spans.Take(last.Spans.Count - 1), last.Spans[^1] with { Text = last.Spans[^1].Text + "  " }, shown] };
            }
            else
            {
                body.Insert(0, new HelpLine(DescriptionIndent, [shown]));
            }
        }

        return [.. head, .. body];
    }

    /// <summary>A default worth saying: not a flag's false, not an empty value.</summary>
    private static string? DefaultOf(ICommandOption option) =>
        option.DefaultValue?.Value switch
        {
            null => null,
            false when option.IsFlag => null,
            string { Length: 0 } => null,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString(),
        };

    /// <summary>From the top command down to <paramref name="command"/>.</summary>
    private static IEnumerable<ICommandInfo> Path(ICommandInfo command)
    {
        var path = new Stack<ICommandInfo>();
        for (var current = command; current is not null; current = current.Parent)
        {
            path.Push(current);
        }

        return path;
    }
}
