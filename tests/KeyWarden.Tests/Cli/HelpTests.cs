using System.ComponentModel;
using System.Reflection;
using System.Text.RegularExpressions;
using KeyWarden.Cli;
using KeyWarden.Cli.Help;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Testing;

namespace KeyWarden.Tests.Cli;

/// <summary>
/// `--help` of every command, through the real app: readable at 60, 80 and 120 columns (no line wider than the
/// width but a single word), no option, environment variable or placeholder of a description cut over two lines,
/// every description there whole, every option listed, no trailing whitespace, and no colour off a terminal.
/// </summary>
public partial class HelpTests
{
    /// <summary>
    /// Every command as typed, with its class (null: the root and the report branch). Checked against the command
    /// classes of the assembly and against what the root's and report's help list, so a new command cannot be missed.
    /// </summary>
    private static readonly (string[] Path, Type? Command)[] Commands =
    [
        ([], null),
        (["audit"], typeof(KeyWarden.Cli.Commands.AuditCommand)),
        (["plan"], typeof(KeyWarden.Cli.Commands.PlanCommand)),
        (["apply"], typeof(KeyWarden.Cli.Commands.ApplyCommand)),
        (["verify"], typeof(KeyWarden.Cli.Commands.VerifyCommand)),
        (["undo"], typeof(KeyWarden.Cli.Commands.UndoCommand)),
        (["rules"], typeof(KeyWarden.Cli.Commands.RulesCommand)),
        (["check-access"], typeof(KeyWarden.Cli.Commands.CheckAccessCommand)),
        (["report"], null),
        (["report", "render"], typeof(KeyWarden.Cli.Commands.ReportRenderCommand)),
        (["report", "merge"], typeof(KeyWarden.Cli.Commands.ReportMergeCommand)),
        (["report", "diff"], typeof(KeyWarden.Cli.Commands.ReportDiffCommand)),
        (["report", "publish"], typeof(KeyWarden.Cli.Commands.ReportPublishCommand)),
    ];

    public static TheoryData<string, int> CommandsAtWidths()
    {
        var data = new TheoryData<string, int>();
        foreach (var (path, _) in Commands)
        {
            foreach (var width in new[] { 60, 80, 120 })
            {
                data.Add(string.Join(' ', path), width);
            }
        }

        return data;
    }

    [Fact]
    public void The_list_holds_every_command_class_of_the_tool()
    {
        var classes = typeof(KeyWardenApp).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICommand).IsAssignableFrom(t) && t.Namespace == "KeyWarden.Cli.Commands")
            .OrderBy(t => t.Name);
        Assert.Equal(classes, Commands.Select(c => c.Command).OfType<Type>().OrderBy(t => t.Name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("report")]
    public async Task The_list_holds_every_command_the_app_lists(string container)
    {
        var lines = Section(Lines((await Help(container, 120)).Stdout), "COMMANDS");
        var listed = lines.Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l[2] != ' ').Select(l => l.Trim().Split(' ')[0]);
        var prefix = container.Length == 0 ? [] : container.Split(' ');
        var known = Commands.Where(c => c.Path.Length == prefix.Length + 1 && c.Path.Take(prefix.Length).SequenceEqual(prefix)).Select(c => c.Path[^1]);
        Assert.Equal(known.Order(), listed.Order());
    }

    [Theory]
    [MemberData(nameof(CommandsAtWidths))]
    public async Task No_line_is_wider_than_COLUMNS_but_a_single_word_and_none_ends_in_whitespace(string command, int width)
    {
        var result = await Help(command, width);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Empty(result.Stderr);
        foreach (var line in Lines(result.Stdout))
        {
            Assert.True(line.Length <= width || !line.Trim().Contains(' '), $"{line.Length} > {width}: '{line}'");
            Assert.Equal(line.TrimEnd(), line);
        }
    }

    [Theory]
    [MemberData(nameof(CommandsAtWidths))]
    public async Task Every_option_env_var_and_placeholder_of_the_descriptions_is_whole_on_one_line(string command, int width)
    {
        var lines = Lines((await Help(command, width)).Stdout);
        var described = lines.Where((_, i) => !InSection(lines, i, "USAGE") && !InSection(lines, i, "EXAMPLES"));

        // Cut over two lines, a name becomes two tokens that no source has ("--endpoint-", "AWS_ENDPOINT_URL_"...), or
        // goes missing: the sets differ.
        Assert.Equal(ExpectedTokens(command).Order(), described.SelectMany(Tokens).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(CommandsAtWidths))]
    public async Task Every_option_is_listed_with_its_description_whole_below_it(string command, int width)
    {
        var lines = Lines((await Help(command, width)).Stdout);
        var options = Section(lines, "OPTIONS");
        var expected = Options(command).ToList();
        Assert.Equal(expected.Count + (command.Length == 0 ? 2 : 1), options.Count(l => l.StartsWith("  -", StringComparison.Ordinal)));
        foreach (var (head, description) in expected)
        {
            var at = options.FindIndex(l => l == head || l.StartsWith(head + "   [default: ", StringComparison.Ordinal));
            Assert.True(at >= 0, $"no line '{head}' in:\n{string.Join('\n', options)}");
            var below = options.Skip(at + 1).TakeWhile(l => l.StartsWith(new string(' ', HelpPage.DescriptionIndent), StringComparison.Ordinal))
                .Where(l => !l.TrimStart().StartsWith("[default: ", StringComparison.Ordinal));
            Assert.Equal(Normalized(description), string.Join(' ', below.Select(l => l.Trim())));
        }
    }

    [Theory]
    [MemberData(nameof(CommandsAtWidths))]
    public async Task The_command_and_argument_descriptions_are_there_whole(string command, int width)
    {
        var lines = Lines((await Help(command, width)).Stdout);
        var description = Section(lines, "DESCRIPTION").Select(l => l.Trim());
        Assert.Equal(Normalized(DescriptionOf(command)), string.Join(' ', description));

        var arguments = Section(lines, "ARGUMENTS");
        foreach (var argument in Arguments(command))
        {
            var at = arguments.IndexOf("  " + argument.Head);
            Assert.True(at >= 0, $"no argument '{argument.Head}'");
            var below = arguments.Skip(at + 1).TakeWhile(l => l.StartsWith("        ", StringComparison.Ordinal)).Select(l => l.Trim());
            Assert.Equal(Normalized(argument.Description), string.Join(' ', below));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("audit")]
    [InlineData("report")]
    [InlineData("report render")]
    public async Task Off_a_terminal_there_is_no_escape_sequence_though_the_console_would_write_colour(string command)
    {
        var off = await Help(command, 80);
        Assert.DoesNotContain('\u001b', off.Stdout);

        // The same console on a terminal does colour the help: the check above could fail.
        var on = await CliRunner.RunOnAsync(ColourConsole(80), _ => null, outIsTerminal: true, [.. Args(command), "--help"]);
        Assert.Contains('\u001b', on.Stdout);
    }

    [Fact]
    public async Task On_a_terminal_NO_COLOR_turns_the_colour_off_and_the_width_is_the_terminals()
    {
        var result = await CliRunner.RunOnAsync(ColourConsole(60), name => name switch { "NO_COLOR" => "1", "COLUMNS" => "200", _ => null }, outIsTerminal: true, "audit", "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.DoesNotContain('\u001b', result.Stdout);
        Assert.All(Lines(result.Stdout), l => Assert.True(l.Length <= 60 || !l.Trim().Contains(' '), l));
    }

    [Fact]
    public async Task Off_a_terminal_without_COLUMNS_the_width_is_80_whatever_the_console_says()
    {
        var result = await CliRunner.RunOnAsync(ColourConsole(200), _ => null, outIsTerminal: false, "audit", "--help");

        var widest = Lines(result.Stdout).Max(l => l.Length);
        Assert.InRange(widest, 70, 80);
    }

    [Fact]
    public async Task An_option_looks_like_git_s_names_and_default_on_one_line_the_description_below()
    {
        var lines = Lines((await Help("audit", 80)).Stdout);

        var at = lines.IndexOf("  -f, --format <FORMATS>   [default: table]");
        Assert.True(at >= 0);
        Assert.StartsWith("        table (default), json,", lines[at + 1]);
        Assert.Contains("        Session name of the assumed roles, as CloudTrail shows it. Default:", lines);
    }

    [Fact]
    public async Task No_command_still_prints_the_help_and_exits_2_and_help_exits_0()
    {
        var none = await CliRunner.RunAsync();
        Assert.Equal(ExitCodes.UsageOrInput, none.ExitCode);
        Assert.Contains("COMMANDS:", none.Stdout);

        var help = await CliRunner.RunAsync("--help");
        Assert.Equal(ExitCodes.Ok, help.ExitCode);
        Assert.Equal(none.Stdout, help.Stdout);
    }

    [Theory]
    [InlineData("audit", "--format")]
    [InlineData("plan", "--out")]
    [InlineData("report render", "--format")]
    [InlineData("verify", "--format")]
    public async Task A_commands_own_options_come_first_and_the_shared_ones_last(string command, string own)
    {
        var lines = Lines((await Help(command, 80)).Stdout);
        int At(string name) => lines.FindIndex(l => l.TrimStart().Split(' ', ',').Contains(name));

        Assert.True(At(own) >= 0 && At(own) < At("--debug"), $"{command}: {own} before --debug");
        Assert.True(At("--config") > At(own));
    }

    private static Task<CliRunner.Result> Help(string command, int width) =>
        CliRunner.RunOnAsync(ColourConsole(200), name => name == "COLUMNS" ? width.ToString(System.Globalization.CultureInfo.InvariantCulture) : null, outIsTerminal: false, [.. Args(command), "--help"]);

    /// <summary>A console that writes colour, as the process's own does even when stdout is a pipe.</summary>
    private static TestConsole ColourConsole(int width)
    {
        var console = new TestConsole();
        console.Profile.Width = width;
        console.EmitAnsiSequences();
        console.Profile.Capabilities.ColorSystem = ColorSystem.TrueColor;
        return console;
    }

    private static string[] Args(string command) => command.Length == 0 ? [] : command.Split(' ');

    private static List<string> Lines(string output) => output.Replace("\r\n", "\n").TrimEnd('\n').Split('\n').ToList();

    private static bool IsHeading(string line) => HeadingPattern().IsMatch(line);

    private static bool InSection(List<string> lines, int index, string heading)
    {
        for (var i = index; i >= 0; i--)
        {
            if (IsHeading(lines[i]))
            {
                return lines[i] == heading + ":";
            }
        }

        return false;
    }

    /// <summary>The lines of a section, heading and blank lines left out.</summary>
    private static List<string> Section(List<string> lines, string heading) =>
        lines.SkipWhile(l => l != heading + ":").Skip(1).TakeWhile(l => !IsHeading(l)).Where(l => l.Length > 0).ToList();

    private static string Normalized(string text) => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Long option names, ALL_CAPS_ENV_VARS (with a &lt;PART&gt;) and &lt;PLACEHOLDERS&gt;.</summary>
    private static IEnumerable<string> Tokens(string text) => TokenPattern().Matches(text).Select(m => m.Value);

    private static Type? CommandType(string command) => Commands.Single(c => string.Join(' ', c.Path) == command).Command;

    private static Type? SettingsType(string command) =>
        CommandType(command) is { } type ? type.BaseType!.GetGenericArguments()[0] : null;

    private static string DescriptionOf(string command) => command switch
    {
        "" => KeyWardenHelpProvider.ToolDescription,
        "report" => KeyWardenApp.ReportDescription,
        _ => CommandType(command)!.GetCustomAttribute<DescriptionAttribute>()!.Description,
    };

    private static IEnumerable<(string Head, string Description)> Options(string command)
    {
        foreach (var property in SettingsType(command)?.GetProperties() ?? [])
        {
            if (property.GetCustomAttribute<CommandOptionAttribute>() is { IsHidden: false } option)
            {
                var names = option.ShortNames.Select(n => "-" + n).Concat(option.LongNames.Select(n => "--" + n));
                var value = option.ValueName is null ? "" : option.ValueIsOptional ? $" [{option.ValueName}]" : $" <{option.ValueName}>";
                yield return ("  " + string.Join(", ", names) + value, property.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "");
            }
        }
    }

    private static IEnumerable<(string Head, string Description)> Arguments(string command)
    {
        foreach (var property in SettingsType(command)?.GetProperties() ?? [])
        {
            if (property.GetCustomAttribute<CommandArgumentAttribute>() is { } argument)
            {
                yield return (argument.IsRequired ? $"<{argument.ValueName}>" : $"[{argument.ValueName}]", property.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "");
            }
        }
    }

    /// <summary>The tokens of every text the help shows outside USAGE and EXAMPLES, read from the attributes.</summary>
    private static IEnumerable<string> ExpectedTokens(string command)
    {
        var texts = new List<string> { DescriptionOf(command), "--help" };
        if (command.Length == 0)
        {
            texts.Add("--version");
        }

        var prefix = Args(command);
        texts.AddRange(Commands.Where(c => c.Path.Length == prefix.Length + 1 && c.Path.Take(prefix.Length).SequenceEqual(prefix)).Select(c => DescriptionOf(string.Join(' ', c.Path))));
        texts.AddRange(Options(command).SelectMany(o => new[] { o.Head, o.Description }));
        texts.AddRange(Arguments(command).SelectMany(a => new[] { a.Head, a.Description }));
        return texts.SelectMany(Tokens).Distinct();
    }

    [GeneratedRegex("^[A-Z]+:$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"(?<![\w-])--[a-z0-9][a-z0-9-]*|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?:_<[A-Z]+>)?|<[^<>\s]+>")]
    private static partial Regex TokenPattern();
}
