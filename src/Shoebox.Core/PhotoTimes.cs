using System.Globalization;

namespace Shoebox.Core;

/// <summary>
/// A photo's taken time as text: the camera's wall clock as yyyy-MM-ddTHH:mm:ss (so times sort and compare as text,
/// and no time zone is invented), and its UTC offset as +hh:mm when the camera recorded one. The catalog stores them
/// so, and results show them so.
/// </summary>
public static class PhotoTimes
{
    private const string StampFormat = "yyyy-MM-dd'T'HH:mm:ss";

    public static string Text(DateTime time) => time.ToString(StampFormat, CultureInfo.InvariantCulture);

    public static string? Text(DateTime? time) => time is { } t ? Text(t) : null;

    public static DateTime? ParseText(string? text) =>
        DateTime.TryParseExact(text, StampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    public static string? OffsetText(TimeSpan? offset) => offset is { } o
        ? $"{(o < TimeSpan.Zero ? '-' : '+')}{Math.Abs(o.Hours):00}:{Math.Abs(o.Minutes):00}"
        : null;

    public static TimeSpan? ParseOffset(string? text)
    {
        if (text is not { Length: 6 } || text[3] != ':' || text[0] is not ('+' or '-')
            || !int.TryParse(text.AsSpan(1, 2), CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(text.AsSpan(4, 2), CultureInfo.InvariantCulture, out var minutes))
        {
            return null;
        }
        var offset = new TimeSpan(hours, minutes, 0);
        return text[0] == '-' ? -offset : offset;
    }
}
