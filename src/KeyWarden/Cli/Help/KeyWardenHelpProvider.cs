using Spectre.Console;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace KeyWarden.Cli.Help;

/// <summary>
/// `--help` for every command, readable at any width (<see cref="HelpPage"/>). Width and colour follow the
/// audit table's rule: on a terminal its width, and colour unless NO_COLOR is set or the terminal has none; off a
/// terminal (a pipe, a file) COLUMNS if set, else 80, and never colour.
/// </summary>
public sealed class KeyWardenHelpProvider(Terminal terminal) : IHelpProvider
{
    /// <summary>The width off a terminal when COLUMNS says nothing: what help has always assumed.</summary>
    public const int DefaultWidth = 80;

    /// <summary>The root's description (the tool has no [Description] of its own).</summary>
    public const string ToolDescription =
        "Audit and remediate the CIS AWS Foundations access-key controls: one active access key per IAM user, no root " +
        "access key, no unused keys, keys rotated. `keywarden rules` lists the rules; audit, plan, apply, verify and " +
        "undo are the workflow.";

    public IEnumerable<IRenderable> Write(ICommandModel model, ICommandInfo? command) =>
        [new HelpRenderable(HelpPage.Lines(model, command, Width(terminal), ToolDescription), UsesColor(terminal))];

    internal static int Width(Terminal terminal) =>
        terminal.OutIsTerminal ? terminal.Out.Profile.Width : ReportOutput.Columns(terminal.Environment("COLUMNS")) ?? DefaultWidth;

    internal static bool UsesColor(Terminal terminal) =>
        terminal.OutIsTerminal
        && string.IsNullOrEmpty(terminal.Environment("NO_COLOR"))
        && terminal.Out.Profile.Capabilities.ColorSystem != ColorSystem.NoColors;
}
