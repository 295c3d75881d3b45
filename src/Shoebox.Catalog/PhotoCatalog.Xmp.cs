namespace Shoebox.Catalog;

/// <summary>The keywords and caption the catalog holds for the photo at one file, to be written to its sidecars.</summary>
public sealed record LocationTexts(string Path, IReadOnlyList<string> Keywords, string? Caption);

public sealed partial class PhotoCatalog
{
    /// <summary>
    /// For every file that holds a photo (status ok, bytes in a file of its own): the photo's keywords, tags and
    /// caption, except those read from sidecars in the first place (source 'xmp') and tags the user removed
    /// (details {"removed": true}). Files whose photo has none are listed too, with nothing: their sidecars may
    /// still hold keywords Shoebox wrote earlier, to be taken out. The user's own caption wins over a model's.
    /// </summary>
    public IReadOnlyList<LocationTexts> ListSidecarTexts() => Guard(() =>
    {
        // Archive entries and stand-ins (locations.content set) have no file of their own to put a sidecar beside, and
        // Takeout trees and Photos libraries are never written into; folders and Lightroom's originals are.
        using var command = Command($"""
            SELECT l.path, t.kind, t.content
            FROM locations l
            LEFT JOIN texts t ON t.photo_id = l.photo_id
                AND t.kind IN ('keyword', 'tag', 'caption')
                AND t.source <> 'xmp'
                AND NOT {_dialect.JsonIsTrue("t.details", "removed")}
            WHERE l.status = 'ok' AND l.photo_id IS NOT NULL AND l.content IS NULL AND (l.source IS NULL OR l.source LIKE 'lightroom:%')
            ORDER BY l.path, t.source = 'user' DESC, t.id
            """);
        using var reader = command.ExecuteReader();
        var result = new List<LocationTexts>();
        string? path = null;
        List<string> keywords = [];
        string? caption = null;
        while (reader.Read())
        {
            var rowPath = reader.GetString(0);
            if (rowPath != path)
            {
                if (path is not null)
                {
                    result.Add(new LocationTexts(path, keywords, caption));
                }
                (path, keywords, caption) = (rowPath, [], null);
            }
            if (reader.IsDBNull(1) || reader.GetString(2).Trim() is not { Length: > 0 } content)
            {
                continue;
            }
            if (reader.GetString(1) == "caption")
            {
                caption ??= content;
            }
            else if (!keywords.Contains(content, StringComparer.OrdinalIgnoreCase))
            {
                keywords.Add(content);
            }
        }
        if (path is not null)
        {
            result.Add(new LocationTexts(path, keywords, caption));
        }
        return (IReadOnlyList<LocationTexts>)result;
    });
}
