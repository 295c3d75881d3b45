using Shoebox.Core;

namespace Shoebox.Search.Query;

/// <summary>One line of the syntax: queries that show it (each runs as it is) and what they find.</summary>
public sealed record SyntaxEntry(IReadOnlyList<string> Examples, string Meaning);

/// <summary>Lines of the syntax that go together (words, dates, filters, ...).</summary>
public sealed record SyntaxSection(string Title, IReadOnlyList<SyntaxEntry> Entries);

/// <summary>
/// The one description of the search syntax: the CLI's --help prints it as <see cref="HelpText"/>, the web page
/// shows <see cref="Sections"/> with examples to click.
/// </summary>
public static class QuerySyntax
{
    public static IReadOnlyList<SyntaxSection> Sections { get; } =
    [
        new("Words",
        [
            new(["red car"], "photos that look like a red car; all words together"),
            new(["\"a meme about writing\""], "quotes keep words together as one phrase"),
            new(["-people", "-\"stop sign\""], "leave out photos about a word or phrase"),
        ]),
        new("Dates",
        [
            new(["after:2019"], "taken on or after the start of 2019"),
            new(["before:2020-06"], "taken before June 2020 (June itself not included)"),
            new(["on:2019-02", "year:2019"], "taken within that month or year"),
            new([], "dates are YYYY, YYYY-MM or YYYY-MM-DD, on the camera's own clock"),
        ]),
        new("Camera, folder, type, tag, person, place",
        [
            new(["camera:iphone"], "camera make or model contains the text"),
            new(["in:Vacation"], "folder path or album name contains the text"),
            new(["type:gif"], "file type: jpeg, png, gif, webp, bmp, tiff, heic or avif"),
            new(["tag:dog"], "has that keyword (keyword:dog works too; a parent finds its children)"),
            new(["person:Ada"], "shows that person: named on a face found, or by Lightroom, Photos or Takeout"),
            new(["place:Lisbon"], "where it was taken: town, region or country, by any of their names (place:Lisboa)"),
        ]),
        new("Text, location, marks",
        [
            new(["has:text"], "contains readable text; -has:text for none"),
            new(["has:location"], "has GPS coordinates; -has:location for none"),
            new(["is:favorite"], "marked in a photo library (also is:picked, is:rejected)"),
            new(["rating:4"], "rated 4 stars or more in Lightroom, Capture One, a sidecar, ..."),
            new(["label:red"], "given that colour label in Lightroom or Capture One (-label:red to leave out)"),
        ]),
        new("Order",
        [
            new(["sort:newest"], "or sort:oldest; best match first otherwise"),
        ]),
    ];

    /// <summary>How filters combine, quoting, and what is not a filter.</summary>
    public static IReadOnlyList<string> Notes { get; } =
    [
        "Repeating camera:, in:, type: or place: accepts any of them; repeating tag: or person: requires all.",
        "Put - before camera:, in:, type:, tag:, person: or place: to exclude, as in -in:Screenshots.",
        "Quote values with spaces: in:\"Summer 2019\". Other word:word text, like 10:30, is searched as is.",
    ];

    /// <summary>Words and filters together.</summary>
    public const string Example = "red car after:2019 before:2020-06 camera:iphone in:Vacation";

    public static string HelpText { get; } = Format();

    private static string Format()
    {
        var text = new System.Text.StringBuilder("Search syntax (the same in the command line and the web page):\n");
        foreach (var entry in Sections.SelectMany(s => s.Entries))
        {
            text.Append("  ").Append(string.Join("  ", entry.Examples).PadRight(24)).Append(entry.Meaning).Append('\n');
        }
        foreach (var note in Notes)
        {
            text.Append(note).Append('\n');
        }
        return text.Append("Example: ").Append(Example).ToString();
    }

    /// <summary>Filter keys, lower case; matched without regard to case.</summary>
    internal static readonly string[] Keys = ["after", "before", "on", "year", "camera", "in", "type", "has", "tag", "keyword", "person", "place", "is", "rating", "label", "sort"];

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
        .. Enum.GetValues<ImageFormat>().Where(f => f.IsRaw()).Select(f => (f.Name(), f)),
    ];

    internal static string TypeName(ImageFormat format) => TypeNames.First(t => t.Format == format).Name;
}
