using System.Globalization;

namespace Shoebox.Sources.CaptureOne;

/// <summary>Capture One's ways of writing times, places, keywords and colour labels.</summary>
public static class CaptureOneValues
{
    private static readonly DateTime UnixEpoch = DateTime.UnixEpoch;
    private static readonly DateTime CoreDataEpoch = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    // Seconds since 1970 for 1998-07 (9.0e8): everything a digital camera took is above it read as Unix time, and
    // read as Core Data time (since 2001) the same number is 2029, a date no catalog holds yet.
    private const double UnixThreshold = 9.0e8;

    /// <summary>Colour tag index (ZCOLOR_TAG_INDEX) to the name Capture One shows; 0 is no label.</summary>
    private static readonly string?[] Labels = [null, "red", "orange", "yellow", "green", "blue", "pink", "purple"];

    /// <summary>
    /// Whether a column of times counts from 1970 (Unix, what Capture One 16 writes in ZEXP_DATE) or from 2001
    /// (Core Data's own epoch, which other columns and older releases use). Nothing in the database says which, so it
    /// is told from the values themselves, once per column: the same epoch for every row. A column whose median is
    /// above 9.0e8 seconds is Unix time (1998 on); below, it is Core Data time (2001 to 2029, or a negative number
    /// for older scans). A Unix column whose photos are nearly all from before 1998, and a Core Data column whose
    /// photos are from after 2029, would be misread; neither is a catalog of today's cameras.
    /// </summary>
    public static DateTime EpochOf(IEnumerable<double> seconds)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        var sorted = seconds.Where(double.IsFinite).Order().ToList();
        return sorted.Count > 0 && sorted[sorted.Count / 2] >= UnixThreshold ? UnixEpoch : CoreDataEpoch;
    }

    /// <summary>
    /// The wall-clock time of <paramref name="seconds"/> after <paramref name="epoch"/>. Capture One keeps no zone
    /// beside it, so the time is given as the clock read, like Lightroom's; null when out of any camera's range.
    /// </summary>
    public static DateTime? Time(double? seconds, DateTime epoch)
    {
        if (seconds is not { } value || !double.IsFinite(value) || Math.Abs(value) > 5e9)
        {
            return null;
        }
        var time = epoch.AddSeconds(value);
        return time.Year is < 1826 or > 2200 ? null : DateTime.SpecifyKind(time, DateTimeKind.Unspecified);
    }

    /// <summary>A time written as text ("2023:06:01 12:00:00" or ISO 8601), as some releases keep it.</summary>
    public static DateTime? Time(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        string[] formats = ["yyyy:MM:dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd"];
        var trimmed = text.Trim();
        return DateTime.TryParseExact(trimmed.Length > 19 && trimmed[19] is '+' or '-' or 'Z' ? trimmed[..19] : trimmed, formats,
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? DateTime.SpecifyKind(time, DateTimeKind.Unspecified)
            : null;
    }

    /// <summary>
    /// One coordinate: a number of degrees, or the text form Capture One 16 writes, degrees and decimal minutes
    /// then the hemisphere ("59,56.7543N"; "10,45.1234W"), also with seconds ("59,56,45.3N"). Null when unreadable
    /// or beyond <paramref name="limit"/> degrees.
    /// </summary>
    public static double? Coordinate(object? value, double limit)
    {
        var degrees = value switch
        {
            long number => number,
            double number => number,
            string text => Coordinate(text),
            _ => null,
        };
        return degrees is { } d && double.IsFinite(d) && Math.Abs(d) <= limit ? d : null;
    }

    private static double? Coordinate(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain))
        {
            return plain;
        }
        var sign = char.ToUpperInvariant(trimmed[^1]) switch
        {
            'N' or 'E' => 1,
            'S' or 'W' => -1,
            _ => 0,
        };
        if (sign == 0)
        {
            return null;
        }
        var parts = trimmed[..^1].Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 3)
        {
            return null;
        }
        var degrees = 0.0;
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var part) || part < 0 || (i > 0 && part >= 60))
            {
                return null;
            }
            degrees += part / Math.Pow(60, i);
        }
        return sign * degrees;
    }

    /// <summary>The names in ZCONTENT_KEYWORDS ("name||order,name||order"), in the order given, each once.</summary>
    public static IReadOnlyList<string> Keywords(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var names = new List<string>();
        foreach (var entry in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bar = entry.IndexOf("||", StringComparison.Ordinal);
            var name = (bar < 0 ? entry : entry[..bar]).Trim();
            if (name.Length > 0 && !names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }
        return names;
    }

    /// <summary>The colour label of ZCOLOR_TAG_INDEX ("red"); null for none or an index Capture One does not show.</summary>
    public static string? Label(long? index) => index is > 0 and < 8 ? Labels[index.Value] : null;

    /// <summary>Stars 1 to 5 from ZBASIC_RATING; null for unrated (0 or nothing).</summary>
    public static int? Rating(long? stars) => stars is > 0 ? (int)Math.Min(stars.Value, 5) : null;
}
