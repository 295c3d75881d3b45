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
            "SELECT fingerprint FROM location_facts WHERE location_id = @location AND source = @source",
            c =>
            {
                c.Bind("@location", locationId);
                c.Bind("@source", facts.Source);
            },
            scalar: true);
        if (stored is byte[] known && known.AsSpan().SequenceEqual(fingerprint))
        {
            return;
        }
        ForgetTexts(locationId, facts.Source);
        Run(
            """
            INSERT INTO location_facts (location_id, source, fingerprint, overrides, taken_at, taken_offset, latitude,
                longitude, altitude, camera_make, camera_model, lens, rating, favorite, pick, preview)
            VALUES (@location, @source, @fingerprint, @overrides, @taken, @offset, @lat, @lon, @alt, @make, @model, @lens,
                @rating, @favorite, @pick, @preview)
            ON CONFLICT (location_id, source) DO UPDATE SET fingerprint = excluded.fingerprint, overrides = excluded.overrides,
                taken_at = excluded.taken_at, taken_offset = excluded.taken_offset, latitude = excluded.latitude,
                longitude = excluded.longitude, altitude = excluded.altitude, camera_make = excluded.camera_make,
                camera_model = excluded.camera_model, lens = excluded.lens, rating = excluded.rating,
                favorite = excluded.favorite, pick = excluded.pick, preview = excluded.preview
            """,
            c =>
            {
                c.Bind("@location", locationId);
                c.Bind("@source", facts.Source);
                c.Bind("@fingerprint", fingerprint);
                c.Bind("@overrides", facts.Overrides);
                c.Bind("@taken", (object?)facts.TakenAt?.ToString("yyyy-MM-dd'T'HH:mm:ss") ?? DBNull.Value);
                c.Bind("@offset", (object?)FormatOffset(facts.TakenOffset) ?? DBNull.Value);
                var hasPlace = facts.Latitude is not null && facts.Longitude is not null;
                c.Bind("@lat", hasPlace ? facts.Latitude! : DBNull.Value);
                c.Bind("@lon", hasPlace ? facts.Longitude! : DBNull.Value);
                c.Bind("@alt", hasPlace && facts.Altitude is { } alt ? alt : DBNull.Value);
                c.Bind("@make", (object?)facts.CameraMake ?? DBNull.Value);
                c.Bind("@model", (object?)facts.CameraModel ?? DBNull.Value);
                c.Bind("@lens", (object?)facts.Lens ?? DBNull.Value);
                c.Bind("@rating", (object?)facts.Rating ?? DBNull.Value);
                c.Bind("@favorite", facts.Favorite);
                c.Bind("@pick", facts.Pick is null or 0 ? DBNull.Value : facts.Pick);
                c.Bind("@preview", facts.IsPreview);
            });
        foreach (var (kind, content, details) in TextsOf(facts))
        {
            AddText(photoId, kind, facts.Source, content, details, locationId);
        }
        ApplyFacts(photoId);
    });

    /// <summary>Drops what <paramref name="source"/> said about the location (a sidecar that was deleted).</summary>
    public void ForgetFacts(long locationId, string source) => Guard(() =>
    {
        var removed = (int)Run(
            "DELETE FROM location_facts WHERE location_id = @location AND source = @source",
            c =>
            {
                c.Bind("@location", locationId);
                c.Bind("@source", source);
            })!;
        if (removed > 0)
        {
            ForgetTexts(locationId, source);
            if (Run("SELECT photo_id FROM locations WHERE id = @location", c => c.Bind("@location", locationId), scalar: true) is long photoId)
            {
                ApplyFacts(photoId);
            }
        }
    });

    private void ForgetTexts(long locationId, string source) => Run(
        "DELETE FROM texts WHERE location_id = @location AND source = @source",
        c =>
        {
            c.Bind("@location", locationId);
            c.Bind("@source", source);
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
    /// Makes the photo's date, place and camera columns again from the file's EXIF (photos.exif) and every source's
    /// facts: a source that overrides (the user corrected the date in Lightroom or Photos) wins over the file, one
    /// that does not (Takeout JSON, a sidecar) only fills what the file lacks. Redone whenever either side changes,
    /// so the order they arrive in does not matter, and a source's correction or removal always shows.
    /// </summary>
    private void ApplyFacts(long photoId)
    {
        var exif = Run("SELECT exif FROM photos WHERE id = @photo", c => c.Bind("@photo", photoId), scalar: true) is string json
            ? JsonSerializer.Deserialize<DatedPlace>(json, DatedPlace.Json)
            : null;
        var facts = ReadFacts(photoId);
        // Sources in a fixed order (overriding ones first, then by location), so the result does not depend on timing.
        IEnumerable<DatedPlace> Ranked(Func<DatedPlace, bool> has) =>
            facts.Where(f => f.Overrides && has(f.Values)).Select(f => f.Values)
                .Concat(exif is not null && has(exif) ? [exif] : [])
                .Concat(facts.Where(f => !f.Overrides && has(f.Values)).Select(f => f.Values));
        var time = Ranked(v => v.TakenAt is not null).FirstOrDefault();
        var place = Ranked(v => v.Latitude is not null && v.Longitude is not null).FirstOrDefault();
        string? Camera(Func<DatedPlace, string?> part) => Ranked(v => part(v) is not null).Select(part).FirstOrDefault();
        Run(
            """
            UPDATE photos SET taken_at = @taken, taken_offset = @offset, latitude = @lat, longitude = @lon, altitude = @alt,
                camera_make = @make, camera_model = @model, lens = @lens
            WHERE id = @photo
            """,
            c =>
            {
                c.Bind("@photo", photoId);
                c.Bind("@taken", (object?)time?.TakenAt ?? DBNull.Value);
                c.Bind("@offset", (object?)time?.TakenOffset ?? DBNull.Value);
                c.Bind("@lat", (object?)place?.Latitude ?? DBNull.Value);
                c.Bind("@lon", (object?)place?.Longitude ?? DBNull.Value);
                c.Bind("@alt", (object?)place?.Altitude ?? DBNull.Value);
                c.Bind("@make", (object?)Camera(v => v.CameraMake) ?? DBNull.Value);
                c.Bind("@model", (object?)Camera(v => v.CameraModel) ?? DBNull.Value);
                c.Bind("@lens", (object?)Camera(v => v.Lens) ?? DBNull.Value);
            });
    }

    private List<(bool Overrides, DatedPlace Values)> ReadFacts(long photoId)
    {
        var command = Prepare("""
            SELECT lf.overrides, lf.taken_at, lf.taken_offset, lf.latitude, lf.longitude, lf.altitude, lf.camera_make, lf.camera_model, lf.lens
            FROM location_facts lf JOIN locations l ON l.id = lf.location_id
            WHERE l.photo_id = @photo
            ORDER BY lf.location_id, lf.source
            """);
        command.Parameters.Clear();
        command.Bind("@photo", photoId);
        using var reader = command.ExecuteReader();
        var facts = new List<(bool, DatedPlace)>();
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        double? Number(int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);
        while (reader.Read())
        {
            facts.Add((reader.GetInt64(0) == 1, new DatedPlace(Text(1), Text(2), Number(3), Number(4), Number(5), Text(6), Text(7), Text(8))));
        }
        return facts;
    }
}

/// <summary>The date, place and camera of a photo as one party (the file, or a source) tells them.</summary>
internal sealed record DatedPlace(
    string? TakenAt, string? TakenOffset, double? Latitude, double? Longitude, double? Altitude, string? CameraMake, string? CameraModel, string? Lens)
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
