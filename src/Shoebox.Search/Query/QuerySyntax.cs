using Shoebox.Core;

namespace Shoebox.Search.Query;

/// <summary>The one description of the search syntax, shown by the CLI's --help and by the web UI.</summary>
public static class QuerySyntax
{
    public const string HelpText = """
        Search syntax (the same in the command line and the web page):
          red car                 photos that look like a red car; all words together
          "a meme about writing"  quotes keep words together as one phrase
          -people  -"stop sign"   leave out photos about a word or phrase
          after:2019              taken on or after the start of 2019
          before:2020-06          taken before June 2020 (June itself not included)
          on:2019-02  year:2019   taken within that month or year
                                  dates are YYYY, YYYY-MM or YYYY-MM-DD, on the camera's own clock
          camera:iphone           camera make or model contains the text
          in:Vacation             folder path or album name contains the text
          type:gif                file type: jpeg, png, gif, webp, bmp, tiff, heic or avif
          tag:dog                 has that keyword (keyword:dog works too; a parent finds its children)
          place:Lisbon            a place name from a photo library (city, region, country, place)
          has:text                contains readable text; -has:text for none
          has:location            has GPS coordinates; -has:location for none
          is:favorite             marked in a photo library (also is:picked, is:rejected)
          rating:4                rated 4 stars or more in Lightroom, a sidecar, ...
          sort:newest             or sort:oldest; best match first otherwise
        Repeating camera:, in:, type: or place: accepts any of them; repeating tag: requires all.
        Put - before camera:, in:, type:, tag: or place: to exclude, as in -in:Screenshots.
        Quote values with spaces: in:"Summer 2019". Other word:word text, like 10:30, is searched as is.
        Example: red car after:2019 before:2020-06 camera:iphone in:Vacation
        """;

    /// <summary>Filter keys, lower case; matched without regard to case.</summary>
    internal static readonly string[] Keys = ["after", "before", "on", "year", "camera", "in", "type", "has", "tag", "keyword", "place", "is", "rating", "sort"];

    /// <summary>Names accepted by type:, each with its format. The first name of a format is the canonical one.</summary>
    internal static readonly (string Name, ImageFormat Format)[] TypeNames =
    [
        ("jpeg", ImageFormat.Jpeg),
        ("jpg", ImageFormat.Jpeg),
        ("png", ImageFormat.Png),
        ("gif", ImageFormat.Gif),
        ("webp", ImageFormat.WebP),
        ("bmp", ImageFormat.Bmp),
        ("tiff", ImageFormat.Tiff),
        ("tif", ImageFormat.Tiff),
        ("heic", ImageFormat.Heif),
        ("heif", ImageFormat.Heif),
        ("avif", ImageFormat.Avif),
    ];

    internal static string TypeName(ImageFormat format) => TypeNames.First(t => t.Format == format).Name;
}
