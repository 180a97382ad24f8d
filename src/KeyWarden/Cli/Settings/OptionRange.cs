using System.Globalization;
using Spectre.Console;

namespace KeyWarden.Cli.Settings;

/// <summary>
/// The one wording of a whole-number option out of range, so every command says it the same way and names both the
/// option and the value given: <c>--max-key-age: must be at least 1 (got -3)</c>.
/// </summary>
internal static class OptionRange
{
    /// <summary>An error when <paramref name="value"/> lies outside [min, max] (the unit is named with the upper bound); else null.</summary>
    public static ValidationResult? Check(string option, int? value, int min, int max, string unit = "")
    {
        if (value is not { } given)
        {
            return null;
        }

        var suffix = unit.Length == 0 ? "" : " " + unit;
        if (given < min)
        {
            return ValidationResult.Error($"{option}: must be at least {Number(min)} (got {Number(given)})");
        }

        return given > max ? ValidationResult.Error($"{option}: must be at most {Number(max)}{suffix} (got {Number(given)})") : null;
    }

    /// <summary>The first error among <paramref name="checks"/>, else null.</summary>
    public static ValidationResult? First(params ValidationResult?[] checks) => checks.FirstOrDefault(c => c is not null);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
