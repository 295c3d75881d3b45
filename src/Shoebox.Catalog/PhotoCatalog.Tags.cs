using System.Text.Json;

namespace Shoebox.Catalog;

/// <summary>A tag on a photo: who gave it ('user' or a tagger) and, for a tagger's, how sure it was.</summary>
public sealed record PhotoTag(string Name, string Source, double? Score)
{
    public bool ByUser => Source == CatalogBatch.UserSource;
}

/// <summary>A tag and how many photos carry it, by the user's hand and automatically.</summary>
public sealed record TagCount(string Name, int ByUser, int Automatic);

public sealed partial class PhotoCatalog
{
    /// <summary>The photo's tags, each name once (the user's first, then the surest), without the ones taken off.</summary>
    public List<PhotoTag> ListTagsOf(long photoId) => Guard(() =>
    {
        using var command = Command($"""
            SELECT content, source, score FROM (
                SELECT id, content, source, {_dialect.JsonNumber("details", "score")} AS score
                FROM texts WHERE photo_id = @photo AND kind = 'tag') tags
            ORDER BY source = 'user' DESC, score IS NULL, score DESC, id
            """);
        command.Bind("@photo", photoId);
        using var reader = command.ExecuteReader();
        var tags = new List<PhotoTag>();
        while (reader.Read())
        {
            var name = reader.GetString(0);
            if (!tags.Exists(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                tags.Add(new PhotoTag(name, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetDouble(2)));
            }
        }
        return tags;
    });

    /// <summary>Every tag in the library with how many photos carry it, most used first.</summary>
    public List<TagCount> CountTags() => Guard(() =>
    {
        using var command = Command("""
            SELECT min(content), count(DISTINCT CASE WHEN source = 'user' THEN photo_id END),
                   count(DISTINCT CASE WHEN source <> 'user' THEN photo_id END)
            FROM texts WHERE kind = 'tag'
            GROUP BY lower(content)
            ORDER BY count(DISTINCT photo_id) DESC, lower(content)
            """);
        using var reader = command.ExecuteReader();
        var counts = new List<TagCount>();
        while (reader.Read())
        {
            counts.Add(new TagCount(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
        }
        return counts;
    });

    /// <summary>The lines read in these photos, with their boxes and confidence.</summary>
    public Dictionary<long, List<RecognizedLine>> LoadOcrLines(IReadOnlyCollection<long> photoIds) => Guard(() =>
    {
        using var command = Command($"""
            SELECT photo_id, content, details FROM texts
            WHERE kind = 'ocr' AND {_dialect.InList("photo_id", "@ids")} ORDER BY id
            """);
        command.Bind("@ids", _dialect.ListValue(photoIds));
        using var reader = command.ExecuteReader();
        var lines = new Dictionary<long, List<RecognizedLine>>();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            if (!lines.TryGetValue(id, out var list))
            {
                lines[id] = list = [];
            }
            list.Add(ReadLine(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }
        return lines;
    });

    /// <summary>The ids of the photos at these paths (exactly as catalogued); paths holding no photo are left out.</summary>
    public Dictionary<string, long> FindPhotosAt(IReadOnlyCollection<string> paths) => Guard(() =>
    {
        using var command = Command($"""
            SELECT path, photo_id FROM locations
            WHERE photo_id IS NOT NULL AND {_dialect.InList("path", "@paths")}
            """);
        command.Bind("@paths", _dialect.ListValue(paths));
        using var reader = command.ExecuteReader();
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            found[reader.GetString(0)] = reader.GetInt64(1);
        }
        return found;
    });

    // The details are what SaveOcr wrote; a line without them (an older catalog) has no box to reason about.
    private static RecognizedLine ReadLine(string text, string? details)
    {
        if (details is null)
        {
            return new RecognizedLine(text, 0, []);
        }
        using var json = JsonDocument.Parse(details);
        var root = json.RootElement;
        var confidence = root.TryGetProperty("confidence", out var c) ? c.GetDouble() : 0;
        List<(double X, double Y)> corners = root.TryGetProperty("box", out var box)
            ? [.. box.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble()))]
            : [];
        return new RecognizedLine(text, confidence, corners);
    }
}
