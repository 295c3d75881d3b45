using System.Globalization;
using System.Text.RegularExpressions;

namespace Shoebox.Sources.Xmp;

/// <summary>XMP's text forms for dates, GPS coordinates and ratings. A value that does not parse is left out, never guessed.</summary>
internal static partial class XmpValues
{
    // XMP dates are ISO 8601 with optional parts; some tools write EXIF's "2019:07:04 12:30:45" instead.
    [GeneratedRegex(@"^(\d{4})[-:](\d{2})[-:](\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex DatePattern();

    // "48,51.5N" (degrees, decimal minutes) or "48,51,30N" (degrees, minutes, seconds).
    [GeneratedRegex(@"^(\d{1,3}(?:\.\d+)?),(\d{1,2}(?:\.\d+)?)(?:,(\d{1,2}(?:\.\d+)?))?([NSEWnsew])$")]
    private static partial Regex CoordinatePattern();

    public static (DateTime Time, TimeSpan? Offset)? ParseDate(string? text)
    {
        if (text is null || DatePattern().Match(text.Trim()) is not { Success: true } match)
        {
            return null;
        }
        int Part(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        if (Part(1) < 1 || Part(2) is < 1 or > 12 || Part(3) < 1 || Part(3) > DateTime.DaysInMonth(Part(1), Part(2)) ||
            Part(4) > 23 || Part(5) > 59 || Part(6) > 59)
        {
            return null;
        }
        var time = new DateTime(Part(1), Part(2), Part(3), Part(4), Part(5), Part(6), DateTimeKind.Unspecified);
        var zone = match.Groups[7];
        if (!zone.Success)
        {
            return (time, null);
        }
        if (zone.Value == "Z")
        {
            return (time, TimeSpan.Zero);
        }
        var digits = zone.Value[1..].Replace(":", "", StringComparison.Ordinal);
        var offset = new TimeSpan(int.Parse(digits[..2], CultureInfo.InvariantCulture), int.Parse(digits[2..], CultureInfo.InvariantCulture), 0);
        if (offset > TimeSpan.FromHours(14))
        {
            return (time, null);
        }
        return (time, zone.Value[0] == '-' ? -offset : offset);
    }

    public static double? ParseCoordinate(string? text, bool latitude)
    {
        if (text is null || CoordinatePattern().Match(text.Trim()) is not { Success: true } match)
        {
            return null;
        }
        var degrees = Number(match.Groups[1].Value) + Number(match.Groups[2].Value) / 60 +
            (match.Groups[3].Success ? Number(match.Groups[3].Value) / 3600 : 0);
        var reference = char.ToUpperInvariant(match.Groups[4].Value[0]);
        if (latitude != (reference is 'N' or 'S') || degrees > (latitude ? 90 : 180))
        {
            return null;
        }
        return reference is 'S' or 'W' ? -degrees : degrees;
    }

    /// <summary>A rational ("1234/10") or a plain number, in metres; below sea level when the reference is 1.</summary>
    public static double? ParseAltitude(string? text, string? reference)
    {
        if (text is null)
        {
            return null;
        }
        var parts = text.Trim().Split('/');
        if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }
        if (parts.Length == 2)
        {
            if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var divisor) || divisor == 0)
            {
                return null;
            }
            value /= divisor;
        }
        else if (parts.Length > 2 || !double.IsFinite(value))
        {
            return null;
        }
        return reference?.Trim() == "1" ? -value : value;
    }

    /// <summary>Stars 0 to 5, or -1 for rejected. XMP allows a real number; tools write whole ones.</summary>
    public static int? ParseRating(string? text)
    {
        if (text is null || !double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return null;
        }
        return value < 0 ? (value >= -1 ? -1 : null) : (int)Math.Round(Math.Min(value, 5));
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
