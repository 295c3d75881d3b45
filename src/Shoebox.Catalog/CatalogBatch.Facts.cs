using System.Security.Cryptography;
using System.Text.Json;
using Shoebox.Sources;

namespace Shoebox.Catalog;

/// <summary>
/// What sources say about a location: dates, places and flags in location_facts, words in texts. A source's
/// facts are replaced as a whole when they change; unchanged facts (the common case on a rerun) cost one lookup.
/// </summary>
public sealed partial class CatalogBatch
{
    /// <summary>Keeps what <paramref name="facts"/> says about the location, and lets it shape the photo (see ApplyFacts).</summary>
    public void SaveFacts(long locationId, long photoId, SourceFacts facts) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(facts);
        var fingerprint = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { facts, photoId }));
        var stored = Run(
            "SELECT fingerprint FROM location_facts WHERE location_id = $location AND source = $source",
            c =>
            {
                c.Parameters.AddWithValue("$location", locationId);
                c.Parameters.AddWithValue("$source", facts.Source);
            },
            scalar: true);
        if (stored is byte[] known && known.AsSpan().SequenceEqual(fingerprint))
        {
            return;
        }
        ForgetTexts(locationId, facts.Source);
        Run(
            """
            INSERT OR REPLACE INTO location_facts (location_id, source, fingerprint, overrides, taken_at, taken_offset, latitude,
                longitude, altitude, camera_make, camera_model, lens, rating, favorite, pick, preview)
            VALUES ($location, $source, $fingerprint, $overrides, $taken, $offset, $lat, $lon, $alt, $make, $model, $lens,
                $rating, $favorite, $pick, $preview)
            """,
            c =>
            {
                c.Parameters.AddWithValue("$location", locationId);
                c.Parameters.AddWithValue("$source", facts.Source);
                c.Parameters.AddWithValue("$fingerprint", fingerprint);
                c.Parameters.AddWithValue("$overrides", facts.Overrides);
                c.Parameters.AddWithValue("$taken", (object?)facts.TakenAt?.ToString("yyyy-MM-dd'T'HH:mm:ss") ?? DBNull.Value);
                c.Parameters.AddWithValue("$offset", (object?)FormatOffset(facts.TakenOffset) ?? DBNull.Value);
                var hasPlace = facts.Latitude is not null && facts.Longitude is not null;
                c.Parameters.AddWithValue("$lat", hasPlace ? facts.Latitude! : DBNull.Value);
                c.Parameters.AddWithValue("$lon", hasPlace ? facts.Longitude! : DBNull.Value);
                c.Parameters.AddWithValue("$alt", hasPlace && facts.Altitude is { } alt ? alt : DBNull.Value);
                c.Parameters.AddWithValue("$make", (object?)facts.CameraMake ?? DBNull.Value);
                c.Parameters.AddWithValue("$model", (object?)facts.CameraModel ?? DBNull.Value);
                c.Parameters.AddWithValue("$lens", (object?)facts.Lens ?? DBNull.Value);
                c.Parameters.AddWithValue("$rating", (object?)facts.Rating ?? DBNull.Value);
                c.Parameters.AddWithValue("$favorite", facts.Favorite);
                c.Parameters.AddWithValue("$pick", facts.Pick is null or 0 ? DBNull.Value : facts.Pick);
                c.Parameters.AddWithValue("$preview", facts.IsPreview);
            });
        foreach (var (kind, content, details) in TextsOf(facts))
        {
            Run(
                "INSERT INTO texts (photo_id, kind, source, content, details, location_id) VALUES ($photo, $kind, $source, $content, $details, $location)",
                c =>
                {
                    c.Parameters.AddWithValue("$photo", photoId);
                    c.Parameters.AddWithValue("$kind", kind);
                    c.Parameters.AddWithValue("$source", facts.Source);
                    c.Parameters.AddWithValue("$content", content);
                    c.Parameters.AddWithValue("$details", (object?)details ?? DBNull.Value);
                    c.Parameters.AddWithValue("$location", locationId);
                });
        }
        ApplyFacts(photoId);
    });

    /// <summary>Drops what <paramref name="source"/> said about the location (a sidecar that was deleted).</summary>
    public void ForgetFacts(long locationId, string source) => Guard(() =>
    {
        var removed = (int)Run(
            "DELETE FROM location_facts WHERE location_id = $location AND source = $source",
            c =>
            {
                c.Parameters.AddWithValue("$location", locationId);
                c.Parameters.AddWithValue("$source", source);
            })!;
        if (removed > 0)
        {
            ForgetTexts(locationId, source);
        }
    });

    private void ForgetTexts(long locationId, string source) => Run(
        "DELETE FROM texts WHERE location_id = $location AND source = $source",
        c =>
        {
            c.Parameters.AddWithValue("$location", locationId);
            c.Parameters.AddWithValue("$source", source);
        });

    // Hierarchical keywords are searched by their leaf ("Paris"), the path kept beside it.
    private static IEnumerable<(string Kind, string Content, string? Details)> TextsOf(SourceFacts facts)
    {
        if (!string.IsNullOrWhiteSpace(facts.Title))
        {
            yield return ("title", facts.Title.Trim(), null);
        }
        if (!string.IsNullOrWhiteSpace(facts.Description))
        {
            yield return ("description", facts.Description.Trim(), null);
        }
        foreach (var keyword in facts.Keywords.Where(k => !string.IsNullOrWhiteSpace(k)).Distinct(StringComparer.Ordinal))
        {
            var parts = keyword.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            yield return parts.Length > 1
                ? ("keyword", parts[^1], JsonSerializer.Serialize(new { path = string.Join('|', parts) }))
                : ("keyword", keyword.Trim(), null);
        }
        foreach (var person in facts.People.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.Ordinal))
        {
            yield return ("person", person.Trim(), null);
        }
        foreach (var album in facts.Albums.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.Ordinal))
        {
            yield return ("album", album.Trim(), null);
        }
    }

    /// <summary>
    /// Brings the photo's date, place and camera in line with what its sources say. The columns hold the file's
    /// EXIF (written by SaveMetadata); a source that overrides (the user corrected the date in Lightroom or Photos)
    /// replaces them, one that does not (Takeout JSON, a sidecar) only fills what the file lacks. Run after either
    /// side changes, so the order in which facts and EXIF arrive does not matter.
    /// </summary>
    private void ApplyFacts(long photoId)
    {
        // Overrides first, so the filling pass sees the corrected values. SQLite evaluates every SET expression on
        // the old row, so "fill" conditions test the values as they were before this statement.
        Run(
            """
            UPDATE photos SET
                taken_at     = coalesce(f.taken_at, photos.taken_at),
                taken_offset = CASE WHEN f.taken_at IS NOT NULL THEN f.taken_offset ELSE photos.taken_offset END,
                latitude     = coalesce(f.latitude, photos.latitude),
                longitude    = CASE WHEN f.latitude IS NOT NULL THEN f.longitude ELSE photos.longitude END,
                altitude     = CASE WHEN f.latitude IS NOT NULL THEN f.altitude ELSE photos.altitude END
            FROM (SELECT lf.* FROM location_facts lf JOIN locations l ON l.id = lf.location_id
                  WHERE l.photo_id = $photo AND lf.overrides = 1
                  ORDER BY lf.taken_at IS NULL, lf.latitude IS NULL LIMIT 1) AS f
            WHERE photos.id = $photo
            """,
            c => c.Parameters.AddWithValue("$photo", photoId));
        Run(
            """
            UPDATE photos SET
                taken_at     = coalesce(photos.taken_at, f.taken_at),
                taken_offset = CASE WHEN photos.taken_at IS NULL THEN f.taken_offset ELSE photos.taken_offset END,
                latitude     = coalesce(photos.latitude, f.latitude),
                longitude    = CASE WHEN photos.latitude IS NULL THEN f.longitude ELSE photos.longitude END,
                altitude     = CASE WHEN photos.latitude IS NULL THEN f.altitude ELSE photos.altitude END,
                camera_make  = coalesce(photos.camera_make, f.camera_make),
                camera_model = coalesce(photos.camera_model, f.camera_model),
                lens         = coalesce(photos.lens, f.lens)
            FROM (SELECT lf.* FROM location_facts lf JOIN locations l ON l.id = lf.location_id
                  WHERE l.photo_id = $photo
                  ORDER BY lf.overrides DESC, lf.taken_at IS NULL, lf.latitude IS NULL LIMIT 1) AS f
            WHERE photos.id = $photo
            """,
            c => c.Parameters.AddWithValue("$photo", photoId));
    }
}
