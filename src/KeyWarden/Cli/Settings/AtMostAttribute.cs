using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KeyWarden.Cli.Settings;

/// <summary>
/// An upper bound on a whole-number option, checked when the option is parsed: a number that fits an int can still
/// overflow the TimeSpan it becomes (TimeSpan.FromHours(int.MaxValue) throws), which must be a usage error, exit 2.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AtMostAttribute(string option, int max, string unit)
    : ParameterValidationAttribute($"{option} must be at most {max.ToString(CultureInfo.InvariantCulture)} {unit}")
{
    public override ValidationResult Validate(CommandParameterContext context) =>
        context.Value is int value && value > max ? ValidationResult.Error(ErrorMessage) : ValidationResult.Success();
}
