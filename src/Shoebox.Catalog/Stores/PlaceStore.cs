using System.Text.Json;
using Shoebox.Core;

namespace Shoebox.Catalog.Stores;

/// <summary>
/// Where photos were taken, in names, from their coordinates (source "gps"): a text of kind 'place' that reads
/// "Lisbon, Portugal" (its levels in details), and one of kind 'place-names' with every name of the town, its regions
/// and its country, folded (<see cref="NameFold"/>) and joined by " | ", which full-text search and place: read.
/// A place a photo library gave (kind 'place', its own source) is never touched, and is the one shown.
/// </summary>
public sealed class PlaceStore
{
    public const string Source = "gps";
    public const string NamesKind = "place-names";

    /// <summary>What lies between two names in a 'place-names' text.</summary>
    public const string Separator = " | ";

    private readonly CatalogSession _session;
    private readonly TextStore _texts;

    internal PlaceStore(CatalogSession session, TextStore texts)
    {
        _session = session;
        _texts = texts;
    }

    private SqlDialect Dialect => _session.Dialect;

    /// <summary>
    /// Photos waiting for their place whose metadata is read (their coordinates are known), after
    /// <paramref name="after"/> in id order, at most <paramref name="limit"/>.
    /// </summary>
    public Task<List<(long PhotoId, double? Latitude, double? Longitude)>> ListWaitingAsync(long after, int limit) => _session.ListAsync(
        $"""
        SELECT p.id, p.latitude, p.longitude FROM photo_stages s JOIN photos p ON p.id = s.photo_id
        WHERE s.stage = '{Stages.Places}' AND s.state = 'pending' AND p.id > @after
            AND NOT EXISTS (SELECT 1 FROM photo_stages m WHERE m.photo_id = p.id AND m.stage = '{Stages.Metadata}' AND m.state = 'pending')
        ORDER BY p.id
        LIMIT @limit
        """,
        c =>
        {
            c.Bind("@after", after);
            c.Bind("@limit", limit);
        },
        r => (r.GetInt64(0), r.IsDBNull(1) ? (double?)null : r.GetDouble(1), r.IsDBNull(2) ? (double?)null : r.GetDouble(2)));

    /// <summary>Sets the photo's place from its coordinates, replacing the one found before; null leaves it with none.</summary>
    public Task SaveAsync(long photoId, PhotoPlace? place) => _session.AtomicAsync(async () =>
    {
        await _texts.RemovePhotoTextsAsync(photoId, "place", Source);
        await _texts.RemovePhotoTextsAsync(photoId, NamesKind, Source);
        if (place is null)
        {
            return;
        }
        var details = JsonSerializer.Serialize(new
        {
            city = place.City,
            subregion = place.Subregion,
            region = place.Region,
            country = place.Country,
            code = place.CountryCode,
        });
        await _texts.AddAsync(photoId, "place", Source, place.Display, details, locationId: null);
        await _texts.AddAsync(photoId, NamesKind, Source, string.Join(Separator, place.Names), details: null, locationId: null);
    });

    /// <summary>How each photo's place reads, where it has one: a photo library's name first, else the one from its coordinates.</summary>
    public async Task<Dictionary<long, string>> LoadDisplayAsync(IReadOnlyCollection<long> photoIds)
    {
        var rows = await _session.ListAsync(
            $"SELECT photo_id, content FROM texts WHERE kind = 'place' AND {Dialect.InList("photo_id", "@ids")} ORDER BY source = '{Source}', id",
            c => c.Bind("@ids", Dialect.ListValue(photoIds)),
            r => (Id: r.GetInt64(0), Place: r.GetString(1)));
        var places = new Dictionary<long, string>();
        foreach (var (id, place) in rows)
        {
            places.TryAdd(id, place);
        }
        return places;
    }

    /// <summary>
    /// The places photos were taken at, by country then town, with how many photos (that exist) each holds; a photo
    /// out of every town's reach counts for its country alone (a null town).
    /// </summary>
    public Task<List<PlaceCount>> CountAsync() => _session.ListAsync(
        $"""
        SELECT {Dialect.JsonText("t.details", "country")} AS country, {Dialect.JsonText("t.details", "code")} AS code,
            {Dialect.JsonText("t.details", "city")} AS city, {Dialect.JsonText("t.details", "region")} AS region, count(DISTINCT t.photo_id)
        FROM texts t
        WHERE t.kind = 'place' AND t.source = '{Source}' AND {LocationSql.Exists("t.photo_id")}
        GROUP BY 1, 2, 3, 4
        ORDER BY 1, 3, 4
        """,
        null,
        r => new PlaceCount(r.GetString(0), r.IsDBNull(1) ? "" : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetInt64(4)));
}

/// <summary>A photo's place as its coordinates name it; <see cref="Names"/> folded, for searching.</summary>
public sealed record PhotoPlace(string Display, string? City, string? Subregion, string? Region, string Country, string CountryCode, IReadOnlyList<string> Names);

/// <summary>How many photos were taken in a town (null: out of every town's reach) of a region and country.</summary>
public sealed record PlaceCount(string Country, string CountryCode, string? City, string? Region, long Photos);
