using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Shoebox.Cli;

/// <summary>
/// Numbers on the command line, parsed and range-checked in one place. Text that is not a number, a number out of
/// range, and one that is not finite (1e400 reads as infinity, and NaN compares false with every bound) are usage
/// errors with a message: the parser reports them before any command runs.
/// </summary>
internal static class NumberOptions
{
    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int> Between(this Option<int> option, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.CustomParser = result => Whole(result, option.Name, min, max) ?? 0;
        return option;
    }

    /// <summary>An optional whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int?> Between(this Option<int?> option, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.CustomParser = result => Whole(result, option.Name, min, max);
        return option;
    }

    /// <summary>A finite number above zero and at most <paramref name="max"/>.</summary>
    public static Option<double> PositiveUpTo(this Option<double> option, double max) =>
        Real(option, value => value > 0 && value <= max, $"above 0 and at most {Text(max)}");

    /// <summary>A finite number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<double> Between(this Option<double> option, double min, double max) =>
        Real(option, value => value >= min && value <= max, $"between {Text(min)} and {Text(max)}");

    private static Option<double> Real(Option<double> option, Func<double, bool> allowed, string range)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.CustomParser = result =>
        {
            var text = Token(result);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                result.AddError($"{option.Name} takes a number, such as 2 or 0.5; got '{text}'.");
                return 0;
            }
            if (!double.IsFinite(value) || !allowed(value))
            {
                result.AddError($"{option.Name} must be {range}; got {text}.");
                return 0;
            }
            return value;
        };
        return option;
    }

    private static int? Whole(ArgumentResult result, string name, int min, int max)
    {
        var text = Token(result);
        // Parsed as a long first, so 99999999999 is reported as too large rather than as not a number.
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{name} takes a whole number; got '{text}'.");
            return null;
        }
        if (value < min || value > max)
        {
            result.AddError($"{name} must be between {min} and {max}; got {text}.");
            return null;
        }
        return (int)value;
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
}
