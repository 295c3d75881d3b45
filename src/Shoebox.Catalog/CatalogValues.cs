using System.Text.Json;
using Shoebox.Core;

namespace Shoebox.Catalog;

/// <summary>
/// How domain values are written in the catalog's columns, and read back: the one place that knows. Times are the
/// camera's wall clock as text (yyyy-MM-ddTHH:mm:ss, so they sort and compare as text), offsets "+hh:mm", formats
/// and statuses lower-case names, content references JSON with a "kind".
/// </summary>
internal static class CatalogValues
{
    public static string Stamp(DateTime time) => PhotoTimes.Text(time);

    public static DateTime? ParseStamp(string? text) => PhotoTimes.ParseText(text);

    public static string? Offset(TimeSpan? offset) => PhotoTimes.OffsetText(offset);

    public static TimeSpan? ParseOffset(string? text) => PhotoTimes.ParseOffset(text);

    public static string Format(ImageFormat format) => format.Name();

    // A format this version does not know (written by a later one) reads as JPEG rather than failing the photo.
    public static ImageFormat ParseFormat(string name) => ImageFormatNames.Parse(name) ?? ImageFormat.Jpeg;

    public static string Status(LocationStatus status) => status.ToString().ToLowerInvariant();

    public static LocationStatus ParseStatus(string status) => status switch
    {
        "ok" => LocationStatus.Ok,
        "missing" => LocationStatus.Missing,
        "failed" => LocationStatus.Failed,
        _ => LocationStatus.Ignored,
    };

    // The shape catalogs have always held: {"kind":"archive","Archive":...,"Entry":...} and {"kind":"stand-in","File":...}.
    public static string? Content(ContentRef? content) => content switch
    {
        null => null,
        ArchiveEntry entry => JsonSerializer.Serialize(new { kind = "archive", entry.Archive, entry.Entry }),
        StandIn standIn => JsonSerializer.Serialize(new { kind = "stand-in", standIn.File }),
        _ => throw new ArgumentOutOfRangeException(nameof(content), content, "not a kind of content the catalog stores"),
    };

    /// <exception cref="InvalidDataException">The column holds something that is no content reference.</exception>
    public static ContentRef? ParseContent(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            string Text(string name) => root.GetProperty(name).GetString() ?? throw new InvalidDataException($"{name} is null");
            return Text("kind") switch
            {
                "archive" => new ArchiveEntry(Text("Archive"), Text("Entry")),
                "stand-in" => new StandIn(Text("File")),
                var kind => throw new InvalidDataException($"unknown kind {kind}"),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or InvalidDataException)
        {
            throw new InvalidDataException($"The catalog holds a content reference it cannot read ({json}): {e.Message}", e);
        }
    }
}
