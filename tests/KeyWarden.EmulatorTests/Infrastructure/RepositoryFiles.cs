using System.Text.RegularExpressions;

namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>Files of the repository the tests run from (found by walking up to KeyWarden.slnx).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>The read-only audit policy JSON from docs/permissions.md, so docs and tests cannot drift.</summary>
    public static string ReadOnlyPolicy() => PolicyBlock("read-only");

    /// <summary>The remediation policy JSON from docs/permissions.md.</summary>
    public static string RemediationPolicy() => PolicyBlock("remediation");

    private static string PolicyBlock(string name)
    {
        var doc = File.ReadAllText(Path.Combine(Root, "docs", "permissions.md"));
        var match = Regex.Match(doc, $@"<!-- keywarden:policy:{Regex.Escape(name)}\b[^>]*-->\s*```json\s*(?<json>.*?)```", RegexOptions.Singleline);
        if (!match.Success) throw new InvalidOperationException($"docs/permissions.md has no '{name}' policy block");
        return match.Groups["json"].Value.Trim();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "KeyWarden.slnx"))) return dir.FullName;
        throw new InvalidOperationException("KeyWarden.slnx not found above " + AppContext.BaseDirectory);
    }
}
