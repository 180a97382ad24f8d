using System.ComponentModel;
using System.Reflection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

/// <summary>Options every command has.</summary>
public class CommonSettings : CommandSettings
{
    /// <summary>The value names of the arguments and options that name one file to read or write.</summary>
    private static readonly string[] FileValueNames = ["FILE", "PLAN", "JOURNAL", "PLAN_OR_JOURNAL"];

    [CommandOption("--debug")]
    [Description("On error, also print the exception's stack trace (never secrets) to stderr.")]
    public bool Debug { get; init; }

    // Read before the command line is parsed (Configuration/ConfigFileLoader): declared here so that every command
    // accepts it and lists it in its help.
    [CommandOption("--config <FILE>")]
    [Description("Settings a team sets once (thresholds, rules, exceptions, role name, accounts file, formats): this YAML file, else ./.keywarden.yaml if present. Options given here win (docs/configuration.md).")]
    public string? Config { get; init; }

    /// <summary>
    /// A directory given where a file is expected is said so, naming the option, before anything is read or sent
    /// (otherwise it surfaces as "no such file" or an I/O error from deep inside). Every FILE option and file
    /// argument of every command is covered, read from the attributes, so a new one needs no change here.
    /// </summary>
    public override ValidationResult Validate()
    {
        foreach (var property in GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.PropertyType != typeof(string) || property.GetValue(this) is not string { Length: > 0 } path || !Directory.Exists(path))
            {
                continue;
            }

            if (property.GetCustomAttribute<CommandOptionAttribute>() is { ValueName: { } valueName } option && FileValueNames.Contains(valueName))
            {
                var name = option.LongNames.Count > 0 ? "--" + option.LongNames[0] : "-" + option.ShortNames[0];
                return ValidationResult.Error($"{name}: '{path}' is a directory; give a file");
            }

            if (property.GetCustomAttribute<CommandArgumentAttribute>() is { } argument && FileValueNames.Contains(argument.ValueName))
            {
                return ValidationResult.Error($"<{argument.ValueName}>: '{path}' is a directory; give a file");
            }
        }

        return base.Validate();
    }
}
