namespace KeyWarden.Cli;

/// <summary>Asks on the terminal before changing AWS; refuses when there is nobody to ask and no --yes.</summary>
internal static class Confirmation
{
    public static bool Ask(Terminal terminal, bool yes, string question)
    {
        if (yes)
        {
            return true;
        }

        if (!terminal.IsInteractive)
        {
            throw KeyWardenException.Usage("no terminal to confirm on: nothing was changed; pass --yes to proceed without asking");
        }

        terminal.Err.Write($"{question} Type 'yes' to continue: ");
        terminal.Err.Flush();
        var answer = terminal.In.ReadLine();
        return string.Equals(answer?.Trim(), "yes", StringComparison.OrdinalIgnoreCase);
    }
}
