using System.Reflection;

namespace KeyWarden.Reports;

/// <summary>Name and version stamped into every report and plan, so a reader knows what produced it.</summary>
public sealed record ToolInfo(string Name, string Version)
{
    public static ToolInfo Current { get; } = new(
        "keywarden",
        (typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
            .Split('+')[0]);
}
