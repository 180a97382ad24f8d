using KeyWarden.Common;

namespace KeyWarden.Cli.Configuration;

/// <summary>
/// The edge of the config file: which file a run uses (--config FILE, else ./.keywarden.yaml when present) and reading
/// it. Errors exit 2 and name the file.
/// </summary>
internal static class ConfigFileLoader
{
    public const string DefaultFileName = ".keywarden.yaml";

    public const string Option = "--config";

    /// <summary>The config file for <paramref name="args"/>, parsed; null when --config is not given and there is no default file.</summary>
    public static (ConfigFile File, bool Implicit)? Load(IReadOnlyList<string> args, string workingDirectory)
    {
        var named = Named(args);
        if (named is null)
        {
            var found = Path.Combine(workingDirectory, DefaultFileName);
            return File.Exists(found) ? (Read(found, Path.Combine(".", DefaultFileName)), true) : null;
        }

        if (named.Length == 0)
        {
            throw KeyWardenException.Usage($"{Option}: needs a file");
        }

        var path = Path.IsPathRooted(named) ? named : Path.Combine(workingDirectory, named);
        if (Directory.Exists(path))
        {
            throw KeyWardenException.Usage($"{Option}: '{named}' is a directory; give a file");
        }

        if (!File.Exists(path))
        {
            throw KeyWardenException.Usage($"{Option}: {named}: no such file");
        }

        return (Read(path, named), false);
    }

    /// <summary>The value of --config (FILE or =FILE), "" when it has none, null when it is not given. Before "--" only.</summary>
    private static string? Named(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count && args[i] != "--"; i++)
        {
            if (args[i] == Option)
            {
                return i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[i + 1] : "";
            }

            if (args[i].StartsWith(Option + "=", StringComparison.Ordinal) || args[i].StartsWith(Option + ":", StringComparison.Ordinal))
            {
                return args[i][(Option.Length + 1)..];
            }
        }

        return null;
    }

    // The file is named in errors as the user gave it (or ./.keywarden.yaml); its directory anchors its relative paths.
    private static ConfigFile Read(string path, string shownAs)
    {
        try
        {
            var text = BoundedTextFile.Read(path, ConfigFileParser.MaxFileSize)
                ?? throw KeyWardenException.Input($"{shownAs}: larger than {ConfigFileParser.MaxFileSize / 1024} KiB; not a config file");
            return ConfigFileParser.Parse(text, shownAs);
        }
        catch (ConfigFileException e)
        {
            throw KeyWardenException.Input(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw KeyWardenException.Input($"{shownAs}: cannot read: {e.Message}", e);
        }
    }

    public static string DirectoryOf(string path, string workingDirectory) =>
        Path.GetDirectoryName(Path.GetFullPath(Path.Combine(workingDirectory, path))) ?? workingDirectory;
}
