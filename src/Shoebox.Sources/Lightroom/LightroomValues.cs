using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Shoebox.Sources.Lightroom;

/// <summary>Lightroom's ways of writing times and titles (orientations: <see cref="LightroomOrientation"/>).</summary>
internal static partial class LightroomValues
{
    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mm",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd",
        "yyyy-MM",
        "yyyy",
    ];

    /// <summary>captureTime is local wall-clock time; a zone suffix, if one is ever written, is dropped, not applied.</summary>
    public static DateTime? CaptureTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var local = ZoneSuffix().Replace(text.Trim(), "");
        return DateTime.TryParseExact(local, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? DateTime.SpecifyKind(time, DateTimeKind.Unspecified)
            : null;
    }

    /// <summary>dc:title from an XMP packet: the x-default entry of its rdf:Alt, else its first entry.</summary>
    public static string? Title(string? xmp)
    {
        if (string.IsNullOrEmpty(xmp))
        {
            return null;
        }
        var title = TitleElement().Match(xmp);
        if (!title.Success)
        {
            return null;
        }
        string? first = null;
        foreach (Match item in AltItem().Matches(title.Groups["body"].Value))
        {
            var text = WebUtility.HtmlDecode(item.Groups["text"].Value).Trim();
            if (item.Groups["attributes"].Value.Contains("x-default", StringComparison.Ordinal) && text.Length > 0)
            {
                return text;
            }
            first ??= text.Length > 0 ? text : null;
        }
        return first;
    }

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex ZoneSuffix();

    [GeneratedRegex(@"<dc:title\b[^>]*>(?<body>.*?)</dc:title>", RegexOptions.Singleline)]
    private static partial Regex TitleElement();

    [GeneratedRegex(@"<rdf:li\b(?<attributes>[^>]*)>(?<text>.*?)</rdf:li>", RegexOptions.Singleline)]
    private static partial Regex AltItem();
}
