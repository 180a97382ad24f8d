namespace KeyWarden.Cli;

/// <summary>
/// Asks before changing AWS. On stdin/stderr when both are a terminal; else on the controlling terminal (/dev/tty),
/// so that <c>apply … | tee log</c> or <c>2&gt;&amp;1 | tee log</c> still asks the person at the keyboard, and a pipe
/// into stdin (<c>yes | keywarden apply</c>) never answers for them (that is what --yes is for). Refuses when
/// there is no terminal at all and no --yes.
/// </summary>
internal static class Confirmation
{
    /// <summary>The answers that mean yes, compared case-insensitively after trimming.</summary>
    private static readonly string[] Yes = ["y", "yes"];

    public static bool Ask(Terminal terminal, bool yes, string question)
    {
        if (yes)
        {
            return true;
        }

        if (terminal.IsInteractive)
        {
            return AskOn(terminal.Err, terminal.In, question);
        }

        using var tty = terminal.OpenControllingTerminal?.Invoke()
            ?? throw KeyWardenException.Usage("no terminal to confirm on: nothing was changed; pass --yes to proceed without asking");
        return AskOn(tty.Out, tty.In, question);
    }

    /// <summary>Whether <paramref name="answer"/> confirms: y or yes, any case; anything else (or none) declines.</summary>
    public static bool IsYes(string? answer) => answer is not null && Yes.Contains(answer.Trim(), StringComparer.OrdinalIgnoreCase);

    private static bool AskOn(TextWriter prompt, TextReader answers, string question)
    {
        prompt.Write($"{question} [y/N] ");
        prompt.Flush();
        var answer = answers.ReadLine();
        if (answer is null)
        {
            // End of input: the line the prompt left open is closed, and no answer is no.
            prompt.WriteLine();
        }

        return IsYes(answer);
    }
}
