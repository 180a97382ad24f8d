using System.Reflection;
using KeyWarden.Cli.Settings;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Configuration;

/// <summary>
/// What a team sets once, and so what the config file may hold (docs/configuration.md). An allowlist on purpose: a
/// run's own choices (--credential-report, --as-of, --output) and anything that loosens a safety check (--yes,
/// --allow-recently-used, --include-needs-review) are not settable from a file someone else may have written, and no
/// key is ever a credential: anything not listed is an "unknown key" error.
/// </summary>
internal static class ConfigKeys
{
    private const string CredentialReport = "--credential-report";

    /// <summary>Keys that only make sense when AWS is read: an offline --credential-report run leaves them out.</summary>
    private static readonly string[] Online = [CredentialReport];

    public static readonly IReadOnlyList<ConfigKey> All =
    [
        new("max-key-age", ConfigValueKind.WholeNumber),
        new("in-use-days", ConfigValueKind.WholeNumber),
        new("rotation-grace-days", ConfigValueKind.WholeNumber),
        new("unused-days", ConfigValueKind.WholeNumber),
        new("treat-rotation-as-warning", ConfigValueKind.Flag),
        // What plan changes in AWS is chosen in plan's own section only (plan: rules: …), never by the shared default.
        new("rules", ConfigValueKind.List, SectionOnlyFor: ["plan"]),
        new("benchmark", ConfigValueKind.Text),
        new("exceptions", ConfigValueKind.Path),
        new("max-report-age", ConfigValueKind.Text),
        new("source", ConfigValueKind.Text, YieldsTo: Online),
        new("evidence", ConfigValueKind.Text),
        new("recent-use-guard", ConfigValueKind.WholeNumber),
        new("max-plan-age", ConfigValueKind.Text),
        new("role-name", ConfigValueKind.Text, YieldsTo: Online),
        new("role-session-name", ConfigValueKind.Text, YieldsTo: Online),
        new("role-duration", ConfigValueKind.Text, YieldsTo: Online),
        // Any account selection on the command line replaces the file's: --org with a file's accounts list is not "both".
        new("accounts-file", ConfigValueKind.Path, YieldsTo: [CredentialReport, "--org", "--ou", "--accounts"]),
        new("max-accounts", ConfigValueKind.WholeNumber, YieldsTo: Online),
        new("max-concurrency", ConfigValueKind.WholeNumber, YieldsTo: Online),
        new("region", ConfigValueKind.Text),
        new("format", ConfigValueKind.List, SectionOnly: true),
    ];

    /// <summary>The commands a config file applies to, by section name ("report-render" is `keywarden report render`), and the settings each reads.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Commands = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["rules"] = typeof(RulesSettings),
        ["audit"] = typeof(AuditSettings),
        ["plan"] = typeof(PlanSettings),
        ["apply"] = typeof(ApplySettings),
        ["verify"] = typeof(VerifySettings),
        ["undo"] = typeof(UndoSettings),
        ["check-access"] = typeof(CheckAccessSettings),
        ["report-render"] = typeof(ReportRenderSettings),
        ["report-diff"] = typeof(ReportDiffSettings),
        ["report-publish"] = typeof(ReportPublishSettings),
    };

    /// <summary>
    /// The commands that may have a section of their own. Not rules: "rules" is the key of audit's and plan's --rules
    /// (the rules command still takes the shared benchmark).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Type> Sections = Commands.Where(c => c.Key != "rules").ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);

    public static ConfigKey? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    /// <summary>Whether the command whose settings are <paramref name="settings"/> has the key's option.</summary>
    public static bool Takes(Type settings, ConfigKey key) => LongOptionNames(settings).Contains(key.Name);

    /// <summary>Every long and short spelling of the options of <paramref name="settings"/>, with dashes, by long name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Spellings(Type settings) =>
        OptionAttributes(settings).Where(a => a.LongNames.Count > 0).ToDictionary(
            a => a.LongNames[0],
            a => (IReadOnlyList<string>)a.LongNames.Select(n => "--" + n).Concat(a.ShortNames.Select(n => "-" + n)).ToList());

    private static HashSet<string> LongOptionNames(Type settings) =>
        OptionAttributes(settings).SelectMany(a => a.LongNames).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<CommandOptionAttribute> OptionAttributes(Type settings) =>
        settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .OfType<CommandOptionAttribute>();
}
