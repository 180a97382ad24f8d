using System.Reflection;
using KeyWarden.Cli.Configuration;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;

namespace KeyWarden.Cli.Help;

/// <summary>
/// The order a command's options are listed in: its own first (audit's --format, --output …), then those it shares
/// with more commands, the most widely shared (--debug, --config) last. Spectre lists inherited options first, which
/// puts what a reader came for at the bottom of the page. Within one settings class the declaration order is kept.
/// </summary>
internal static class OptionOrder
{
    public static IEnumerable<ICommandOption> Of(ICommandInfo command, IEnumerable<ICommandOption> options)
    {
        var section = command.Parent is { } parent ? $"{parent.Name}-{command.Name}" : command.Name;
        if (!ConfigKeys.Commands.TryGetValue(section, out var settings))
        {
            return options;
        }

        var depthByName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var property in settings.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<CommandOptionAttribute>() is { } attribute && property.DeclaringType is { } declaring)
            {
                foreach (var name in attribute.LongNames)
                {
                    depthByName[name] = Depth(settings, declaring);
                }
            }
        }

        return options.Select((o, i) => (Option: o, Index: i))
            .OrderBy(x => x.Option.LongNames.Count > 0 && depthByName.TryGetValue(x.Option.LongNames[0], out var d) ? d : int.MaxValue)
            .ThenBy(x => x.Index)
            .Select(x => x.Option);
    }

    /// <summary>How many base classes up from <paramref name="settings"/> the option is declared: 0 for its own.</summary>
    private static int Depth(Type settings, Type declaring)
    {
        var depth = 0;
        for (var type = settings; type is not null && type != declaring; type = type.BaseType)
        {
            depth++;
        }

        return depth;
    }
}
