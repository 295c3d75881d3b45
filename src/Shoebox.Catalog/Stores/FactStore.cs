using System.Security.Cryptography;
using System.Text.Json;
using Shoebox.Core;

namespace Shoebox.Catalog.Stores;

/// <summary>
/// A photo's date, place and camera, from two parties: its file (EXIF, kept whole in photos.exif) and the sources that
/// list its locations (Takeout JSON, Lightroom, Photos, sidecars; kept per location and source in location_facts,
/// their words in texts). The photo's columns are made again from both whenever either changes. A source's facts are
/// replaced as a whole when they change; unchanged facts (the common case on a rerun) cost one lookup.
/// </summary>
public sealed class FactStore
{
    private readonly CatalogSession _session;
    private readonly TextStore _texts;

    internal FactStore(CatalogSession session, TextStore texts)
    {
        _session = session;
        _texts = texts;
    }

    /// <summary>Stores what the file says, then what its sources say on top (see <see cref="ApplyAsync"/>).</summary>
    public Task SaveMetadataAsync(long photoId, PhotoMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var exif = new DatedPlace(
            metadata.TakenAt is { } taken ? CatalogValues.Stamp(taken) : null, CatalogValues.Offset(metadata.TakenOffset),
            metadata.Latitude, metadata.Longitude, metadata.Altitude, metadata.CameraMake, metadata.CameraModel, metadata.Lens);
        return _session.AtomicAsync(async () =>
        {
            await _session.ExecuteAsync(
                "UPDATE photos SET width = @width, height = @height, orientation = @orientation, exif = @exif WHERE id = @id",
                c =>
                {
                    c.Bind("@id", photoId);
                    c.Bind("@width", metadata.Width);
                    c.Bind("@height", metadata.Height);
                    c.Bind("@orientation", metadata.Orientation);
                    c.Bind("@exif", JsonSerializer.Serialize(exif, DatedPlace.Json));
                });
            await ApplyAsync(photoId);
        });
    }

    /// <summary>Keeps what <paramref name="facts"/> says about the location, and lets it shape the photo.</summary>
    public Task SaveAsync(long locationId, long photoId, SourceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var fingerprint = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { facts, photoId }));
        return _session.AtomicAsync(async () =>
        {
            var stored = await _session.ScalarAsync(
                "SELECT fingerprint FROM location_facts WHERE location_id = @location AND source = @source",
                c =>
                {
                    c.Bind("@location", locationId);
                    c.Bind("@source", facts.Source);
                });
            if (stored is byte[] known && known.AsSpan().SequenceEqual(fingerprint))
            {
                return;
            }
            await _texts.ForgetLocationTextsAsync(locationId, facts.Source);
            await _session.ExecuteAsync(
                """
                INSERT INTO location_facts (location_id, source, fingerprint, overrides, taken_at, taken_offset, latitude,
                    longitude, altitude, camera_make, camera_model, lens, rating, favorite, pick, preview, label)
                VALUES (@location, @source, @fingerprint, @overrides, @taken, @offset, @lat, @lon, @alt, @make, @model, @lens,
                    @rating, @favorite, @pick, @preview, @label)
                ON CONFLICT (location_id, source) DO UPDATE SET fingerprint = excluded.fingerprint, overrides = excluded.overrides,
                    taken_at = excluded.taken_at, taken_offset = excluded.taken_offset, latitude = excluded.latitude,
                    longitude = excluded.longitude, altitude = excluded.altitude, camera_make = excluded.camera_make,
                    camera_model = excluded.camera_model, lens = excluded.lens, rating = excluded.rating,
                    favorite = excluded.favorite, pick = excluded.pick, preview = excluded.preview, label = excluded.label
                """,
                c =>
                {
                    c.Bind("@location", locationId);
                    c.Bind("@source", facts.Source);
                    c.Bind("@fingerprint", fingerprint);
                    c.Bind("@overrides", facts.Overrides);
                    c.Bind("@taken", facts.TakenAt is { } taken ? CatalogValues.Stamp(taken) : null);
                    c.Bind("@offset", CatalogValues.Offset(facts.TakenOffset));
                    var hasPlace = facts.Latitude is not null && facts.Longitude is not null;
                    c.Bind("@lat", hasPlace ? facts.Latitude : null);
                    c.Bind("@lon", hasPlace ? facts.Longitude : null);
                    c.Bind("@alt", hasPlace ? facts.Altitude : null);
                    c.Bind("@make", facts.CameraMake);
                    c.Bind("@model", facts.CameraModel);
                    c.Bind("@lens", facts.Lens);
                    c.Bind("@rating", facts.Rating);
                    c.Bind("@favorite", facts.Favorite);
                    c.Bind("@pick", facts.Pick is null or 0 ? null : facts.Pick);
                    c.Bind("@preview", facts.IsPreview);
                    c.Bind("@label", string.IsNullOrWhiteSpace(facts.Label) ? null : facts.Label.Trim().ToLowerInvariant());
                });
            foreach (var (kind, content, details) in TextsOf(facts))
            {
                await _texts.AddAsync(photoId, kind, facts.Source, content, details, locationId);
            }
            await ApplyAsync(photoId);
        });
    }

    /// <summary>Drops what <paramref name="source"/> said about the location (a sidecar that was deleted).</summary>
    public Task ForgetAsync(long locationId, string source) => _session.AtomicAsync(async () =>
    {
        var removed = await _session.ExecuteAsync(
            "DELETE FROM location_facts WHERE location_id = @location AND source = @source",
            c =>
            {
                c.Bind("@location", locationId);
                c.Bind("@source", source);
            });
        if (removed > 0)
        {
            await _texts.ForgetLocationTextsAsync(locationId, source);
            if (await _session.ScalarAsync("SELECT photo_id FROM locations WHERE id = @location", c => c.Bind("@location", locationId)) is long photoId)
            {
                await ApplyAsync(photoId);
            }
        }
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
        foreach (var place in facts.Places.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.Ordinal))
        {
            yield return ("place", place.Trim(), null);
        }
    }

    /// <summary>
    /// Makes the photo's date, place and camera columns again from the file's EXIF (photos.exif) and every source's
    /// facts: a source that overrides (the user corrected the date in Lightroom or Photos) wins over the file, one
    /// that does not (Takeout JSON, a sidecar) only fills what the file lacks. Redone whenever either side changes,
    /// so the order they arrive in does not matter, and a source's correction or removal always shows.
    /// </summary>
    internal async Task ApplyAsync(long photoId)
    {
        var exif = await _session.ScalarAsync("SELECT exif FROM photos WHERE id = @photo", c => c.Bind("@photo", photoId)) is string json
            ? JsonSerializer.Deserialize<DatedPlace>(json, DatedPlace.Json)
            : null;
        var facts = await _session.ListAsync(
            """
            SELECT lf.overrides, lf.taken_at, lf.taken_offset, lf.latitude, lf.longitude, lf.altitude, lf.camera_make, lf.camera_model, lf.lens
            FROM location_facts lf JOIN locations l ON l.id = lf.location_id
            WHERE l.photo_id = @photo
            ORDER BY lf.location_id, lf.source
            """,
            c => c.Bind("@photo", photoId),
            r =>
            {
                string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
                double? Number(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
                return (Overrides: r.GetInt64(0) == 1, Values: new DatedPlace(Text(1), Text(2), Number(3), Number(4), Number(5), Text(6), Text(7), Text(8)));
            });
        // Sources in a fixed order (overriding ones first, then by location), so the result does not depend on timing.
        IEnumerable<DatedPlace> Ranked(Func<DatedPlace, bool> has) =>
            facts.Where(f => f.Overrides && has(f.Values)).Select(f => f.Values)
                .Concat(exif is not null && has(exif) ? [exif] : [])
                .Concat(facts.Where(f => !f.Overrides && has(f.Values)).Select(f => f.Values));
        var time = Ranked(v => v.TakenAt is not null).FirstOrDefault();
        var place = Ranked(v => v.Latitude is not null && v.Longitude is not null).FirstOrDefault();
        string? Camera(Func<DatedPlace, string?> part) => Ranked(v => part(v) is not null).Select(part).FirstOrDefault();
        await _session.ExecuteAsync(
            """
            UPDATE photos SET taken_at = @taken, taken_offset = @offset, latitude = @lat, longitude = @lon, altitude = @alt,
                camera_make = @make, camera_model = @model, lens = @lens
            WHERE id = @photo
            """,
            c =>
            {
                c.Bind("@photo", photoId);
                c.Bind("@taken", time?.TakenAt);
                c.Bind("@offset", time?.TakenOffset);
                c.Bind("@lat", place?.Latitude);
                c.Bind("@lon", place?.Longitude);
                c.Bind("@alt", place?.Altitude);
                c.Bind("@make", Camera(v => v.CameraMake));
                c.Bind("@model", Camera(v => v.CameraModel));
                c.Bind("@lens", Camera(v => v.Lens));
            });
    }

    /// <summary>The date, place and camera of a photo as one party (the file, or a source) tells them, in the catalog's text forms.</summary>
    private sealed record DatedPlace(
        string? TakenAt, string? TakenOffset, double? Latitude, double? Longitude, double? Altitude, string? CameraMake, string? CameraModel, string? Lens)
    {
        public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    }
}
