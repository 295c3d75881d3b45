using System.Text.Json;

namespace Shoebox.Catalog.Stores;

/// <summary>
/// Words attached to photos (texts): titles, captions, keywords, albums, people from sources, lines read by OCR,
/// tags; and the full-text search over them and over file and folder names.
/// </summary>
public sealed class TextStore
{
    public const string OcrKind = "ocr";

    private readonly CatalogSession _session;

    internal TextStore(CatalogSession session) => _session = session;

    private SqlDialect Dialect => _session.Dialect;

    /// <summary>
    /// Photos with a file that exists whose file name, folder names (below the indexed folder) or attached texts
    /// contain the terms, best first. The terms may be spread over the photo's texts (a meme's line read as two lines). With
    /// <paramref name="any"/> one term is enough; otherwise queries of one or two terms need them all, and longer
    /// ones all but the odd misread word (three in five), photos holding every term coming first.
    /// </summary>
    public async Task<List<TextMatch>> MatchAsync(IReadOnlyList<TextTerm> terms, int limit, bool any = false)
    {
        // Terms without a letter or digit are dropped: the engine's word splitting would make nothing of them.
        var usable = terms.Where(t => t.Text.Any(char.IsLetterOrDigit)).DistinctBy(t => (t.Text.ToUpperInvariant(), t.IsPhrase)).ToList();
        var needed = any ? 1 : usable.Count <= 2 ? usable.Count : (int)Math.Ceiling(usable.Count * 0.6);
        var found = new Dictionary<long, (int Terms, double Rank)>();
        foreach (var term in usable)
        {
            foreach (var (photo, rank) in await MatchTermAsync(term))
            {
                var (count, sum) = found.GetValueOrDefault(photo);
                found[photo] = (count + 1, sum + rank);
            }
        }
        // Ranks are negative, lower is better, and never near 1,000 in size: each missing term ranks a photo below
        // every photo that has one more. The score keeps that order in (0, 1): the words found, plus the strength
        // of their match squashed below one word's worth, over one more than the words asked for.
        return found.Where(f => f.Value.Terms >= needed)
            .Select(f => new TextMatch(
                f.Key,
                f.Value.Rank + 1000.0 * (usable.Count - f.Value.Terms),
                (f.Value.Terms + Squash(-f.Value.Rank)) / (usable.Count + 1)))
            .OrderBy(m => m.Rank).ThenBy(m => m.PhotoId)
            .Take(limit)
            .ToList();
    }

    // A match's strength (0 and up) in [0, 1), in the same order.
    private static double Squash(double strength) => Math.Max(0, strength) / (1 + Math.Max(0, strength));

    // Each photo holding the term anywhere (a file or folder name, any text), with its best rank; a photo none of whose
    // files exists keeps its texts (it comes back with its file) but matches nothing meanwhile.
    private async Task<List<(long Photo, double Rank)>> MatchTermAsync(TextTerm term)
    {
        await using var command = _session.Create("");
        if (Dialect.TextQuery(command, [term], any: false) is not { } query)
        {
            return [];
        }
        command.CommandText = $"""
            SELECT photo_id, min(rank) FROM (
                {Dialect.NameMatches(query)}
                UNION ALL
                {Dialect.TextMatches(query)}) matches
            GROUP BY photo_id
            HAVING {LocationSql.Exists("matches.photo_id")}
            """;
        return await _session.GuardAsync(async () =>
        {
            await using var reader = await command.ExecuteReaderAsync();
            var matches = new List<(long, double)>();
            while (await reader.ReadAsync())
            {
                matches.Add((reader.GetInt64(0), reader.GetDouble(1)));
            }
            return matches;
        });
    }

    /// <summary>Every text of the photo, by kind.</summary>
    public Task<List<CatalogText>> OfPhotoAsync(long photoId) => _session.ListAsync(
        "SELECT kind, source, content FROM texts WHERE photo_id = @id ORDER BY kind, id",
        c => c.Bind("@id", photoId),
        r => new CatalogText(r.GetString(0), r.GetString(1), r.GetString(2)));

    /// <summary>
    /// Sets what one source says of a kind about the photo itself (not about one of its files), replacing what that
    /// source said before: a model's new caption replaces its old one, other models' captions stay.
    /// </summary>
    public Task ReplaceAsync(long photoId, string kind, string source, string content) => _session.AtomicAsync(async () =>
    {
        await RemovePhotoTextsAsync(photoId, kind, source);
        await AddAsync(photoId, kind, source, content, details: null, locationId: null);
    });

    /// <summary>Replaces the lines read in the photo by <paramref name="source"/> (e.g. "pp-ocrv4") with these; none leaves it without text.</summary>
    public Task SaveOcrAsync(long photoId, string source, IReadOnlyList<RecognizedLine> lines) => _session.AtomicAsync(async () =>
    {
        ArgumentNullException.ThrowIfNull(lines);
        await RemovePhotoTextsAsync(photoId, OcrKind, source: null);
        foreach (var line in lines)
        {
            var details = JsonSerializer.Serialize(new
            {
                confidence = Math.Round(line.Confidence, 4),
                box = line.Corners.Select(p => new[] { Math.Round(p.X, 1), Math.Round(p.Y, 1) }),
            });
            await AddAsync(photoId, OcrKind, source, line.Text, details, locationId: null);
        }
    });

    /// <summary>The lines read in these photos, with their boxes and confidence.</summary>
    public async Task<Dictionary<long, List<RecognizedLine>>> LoadOcrLinesAsync(IReadOnlyCollection<long> photoIds)
    {
        var rows = await _session.ListAsync(
            $"SELECT photo_id, content, details FROM texts WHERE kind = 'ocr' AND {Dialect.InList("photo_id", "@ids")} ORDER BY id",
            c => c.Bind("@ids", Dialect.ListValue(photoIds)),
            r => (Id: r.GetInt64(0), Line: ReadLine(r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2))));
        var lines = new Dictionary<long, List<RecognizedLine>>();
        foreach (var (id, line) in rows)
        {
            if (!lines.TryGetValue(id, out var list))
            {
                lines[id] = list = [];
            }
            list.Add(line);
        }
        return lines;
    }

    /// <summary>
    /// For every file that holds a photo (status ok, bytes in a file of its own): the photo's keywords, tags, the names
    /// of the people found in it (as keywords: the sidecar writer has no face regions) and caption, except those read from sidecars in the first place (source 'xmp') and tags the user removed
    /// (details {"removed": true}). Files whose photo has none are listed too, with nothing: their sidecars may
    /// still hold keywords Shoebox wrote earlier, to be taken out. The user's own caption wins over a model's.
    /// </summary>
    public async Task<IReadOnlyList<LocationTexts>> ListSidecarTextsAsync()
    {
        // Archive entries and stand-ins (locations.content set) have no file of their own to put a sidecar beside, and
        // Takeout trees and Photos libraries are never written into; folders and Lightroom's originals are.
        var rows = await _session.ListAsync(
            $"""
            SELECT l.path, t.kind, t.content
            FROM locations l
            LEFT JOIN texts t ON t.photo_id = l.photo_id
                AND (t.kind IN ('keyword', 'tag', 'caption') OR (t.kind = 'person' AND t.source = 'faces'))
                AND t.source <> 'xmp'
                AND NOT {Dialect.JsonIsTrue("t.details", "removed")}
            WHERE l.status = 'ok' AND l.photo_id IS NOT NULL AND l.content IS NULL AND (l.source IS NULL OR l.source LIKE 'lightroom:%')
            ORDER BY l.path, t.source = 'user' DESC, t.id
            """,
            null,
            r => (Path: r.GetString(0), Kind: r.IsDBNull(1) ? null : r.GetString(1), Content: r.IsDBNull(2) ? null : r.GetString(2)));
        var result = new List<LocationTexts>();
        foreach (var file in rows.GroupBy(row => row.Path, StringComparer.Ordinal))
        {
            List<string> keywords = [];
            string? caption = null;
            foreach (var (_, kind, text) in file)
            {
                if (kind is null || text?.Trim() is not { Length: > 0 } content)
                {
                    continue;
                }
                if (kind == "caption")
                {
                    caption ??= content;
                }
                else if (!keywords.Contains(content, StringComparer.OrdinalIgnoreCase))
                {
                    keywords.Add(content);
                }
            }
            result.Add(new LocationTexts(file.Key, keywords, caption));
        }
        return result;
    }

    // Texts about the photo itself (not said of one of its locations), of one kind, from one source or (null) any.
    internal Task RemovePhotoTextsAsync(long photoId, string kind, string? source) => _session.ExecuteAsync(
        "DELETE FROM texts WHERE photo_id = @photo AND kind = @kind AND source = coalesce(@source, source) AND location_id IS NULL",
        c =>
        {
            c.Bind("@photo", photoId);
            c.Bind("@kind", kind);
            c.Bind("@source", source);
        });

    /// <summary>What <paramref name="source"/> said about one location (a sidecar's, a library's words) goes.</summary>
    internal Task ForgetLocationTextsAsync(long locationId, string source) => _session.ExecuteAsync(
        "DELETE FROM texts WHERE location_id = @location AND source = @source",
        c =>
        {
            c.Bind("@location", locationId);
            c.Bind("@source", source);
        });

    /// <summary>The one statement every stage and source adds words through.</summary>
    internal Task AddAsync(long photoId, string kind, string source, string content, string? details, long? locationId) => _session.ExecuteAsync(
        "INSERT INTO texts (photo_id, kind, source, content, details, location_id) VALUES (@photo, @kind, @source, @content, @details, @location)",
        c =>
        {
            c.Bind("@photo", photoId);
            c.Bind("@kind", kind);
            c.Bind("@source", source);
            c.Bind("@content", content);
            c.Bind("@details", details);
            c.Bind("@location", locationId);
        });

    // The details are what SaveOcrAsync wrote; a line without them (an older catalog) has no box to reason about.
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
