using System.Data.Common;
using System.Text.Json;
using Shoebox.Core;

namespace Shoebox.Catalog.Stores;

/// <summary>Photos as search and the app read them: by id, by filter, page by page; and pruning the ones no file holds.</summary>
public sealed class PhotoStore
{
    private readonly CatalogSession _session;

    internal PhotoStore(CatalogSession session) => _session = session;

    private SqlDialect Dialect => _session.Dialect;

    private string Columns => $"""
        p.id, p.hash, p.format, p.size, p.added_at, p.width, p.height, p.taken_at, p.taken_offset, p.camera_make,
        p.camera_model, p.lens, p.latitude, p.longitude, p.altitude,
        {Dialect.JsonArray("path", "locations", "photo_id = p.id AND status = 'ok'", "paired, first_seen, path")},
        {Dialect.JsonArray("path", "locations", "photo_id = p.id", "last_seen DESC, id")}
        """;

    /// <summary>The photos with these ids that exist, by id.</summary>
    public async Task<Dictionary<long, CatalogPhoto>> LoadAsync(IReadOnlyCollection<long> ids) =>
        (await _session.ListAsync(
            $"SELECT {Columns} FROM photos p WHERE {Dialect.InList("p.id", "@ids")}",
            c => c.Bind("@ids", Dialect.ListValue(ids)),
            Read))
        .ToDictionary(photo => photo.Id);

    /// <summary>The photo, or null when there is none with that id.</summary>
    public async Task<CatalogPhoto?> FindAsync(long id) => (await LoadAsync([id])).GetValueOrDefault(id);

    /// <summary>The photo's content hash, or null when there is no such photo: all a thumbnail request needs.</summary>
    public async Task<ContentHash?> HashOfAsync(long photoId) =>
        await _session.ScalarAsync("SELECT hash FROM photos WHERE id = @id", c => c.Bind("@id", photoId)) is byte[] hash ? new ContentHash(hash) : null;

    /// <summary>How many photos have a location that exists: those searches can find (the others are missing).</summary>
    public Task<long> CountExistingAsync() => _session.CountAsync($"SELECT count(*) FROM photos p WHERE {LocationSql.Exists("p.id")}");

    /// <summary>Ids of every photo that passes the filter.</summary>
    public async Task<HashSet<long>> FilterAsync(PhotoFilter filter)
    {
        var condition = PhotoFilterSql.Where(filter, Dialect);
        return [.. await _session.ListAsync($"SELECT p.id FROM photos p WHERE {condition.Sql}", condition.Bind, r => r.GetInt64(0))];
    }

    /// <summary>A page of the photos that pass the filter and are not <paramref name="excluded"/>, by taken time (photos without one last) or at random.</summary>
    public async Task<List<long>> ListAsync(PhotoFilter filter, PhotoOrder order, int offset, int limit, IReadOnlyCollection<long>? excluded = null)
    {
        if (order == PhotoOrder.Random && await SampleRandomlyAsync(filter, limit, excluded) is { } sample)
        {
            return sample;
        }
        var orderBy = order switch
        {
            PhotoOrder.Newest => "p.taken_at IS NULL, p.taken_at DESC, p.id DESC",
            PhotoOrder.Oldest => "p.taken_at IS NULL, p.taken_at, p.id",
            _ => "random()",
        };
        return await SelectAsync(filter, excluded, candidates: null, $"ORDER BY {orderBy} LIMIT @limit OFFSET @offset", limit, offset);
    }

    // Sorting the whole library by random() reads every row (0.6 s at a million photos); drawing a few times as many
    // random ids as needed and keeping those that exist and pass reads a handful. Null when too few passed (a
    // selective filter, or many ids gone): then the full shuffle it is.
    private async Task<List<long>?> SampleRandomlyAsync(PhotoFilter filter, int limit, IReadOnlyCollection<long>? excluded)
    {
        if (await _session.ScalarAsync("SELECT max(id) FROM photos") is not long maxId || maxId < limit * 8L)
        {
            return null;
        }
        var draws = new HashSet<long>();
        while (draws.Count < limit * 4)
        {
            draws.Add(Random.Shared.NextInt64(1, maxId + 1));
        }
        var picked = await SelectAsync(filter, excluded, draws, "ORDER BY random() LIMIT @limit OFFSET @offset", limit, 0);
        return picked.Count == limit ? picked : null;
    }

    private Task<List<long>> SelectAsync(
        PhotoFilter filter, IReadOnlyCollection<long>? excluded, IReadOnlyCollection<long>? candidates, string tail, int limit, int offset)
    {
        var condition = PhotoFilterSql.Where(filter, Dialect);
        var sql = new System.Text.StringBuilder($"SELECT p.id FROM photos p WHERE {condition.Sql}");
        if (excluded is { Count: > 0 })
        {
            sql.Append($" AND NOT {Dialect.InList("p.id", "@excluded")}");
        }
        if (candidates is not null)
        {
            sql.Append($" AND {Dialect.InList("p.id", "@candidates")}");
        }
        return _session.ListAsync(
            sql.Append(' ').Append(tail).ToString(),
            c =>
            {
                condition.Bind(c);
                if (excluded is { Count: > 0 })
                {
                    c.Bind("@excluded", Dialect.ListValue(excluded));
                }
                if (candidates is not null)
                {
                    c.Bind("@candidates", Dialect.ListValue(candidates));
                }
                c.Bind("@limit", limit);
                c.Bind("@offset", offset);
            },
            r => r.GetInt64(0));
    }

    /// <summary>
    /// Forgets missing locations, and the photos left with no location at all (with everything derived from
    /// them). Returns the removed photos' hashes, so their thumbnails can be deleted too.
    /// </summary>
    public Task<PruneResult> PruneAsync() => _session.AtomicAsync(async () =>
    {
        var removedLocations = await _session.ExecuteAsync("DELETE FROM locations WHERE status = 'missing'");
        var orphans = await _session.ListAsync(
            "SELECT hash FROM photos WHERE NOT EXISTS (SELECT 1 FROM locations WHERE photo_id = photos.id)", null, r => new ContentHash((byte[])r[0]));
        await _session.ExecuteAsync("DELETE FROM photos WHERE NOT EXISTS (SELECT 1 FROM locations WHERE photo_id = photos.id)");
        return new PruneResult(removedLocations, orphans);
    });

    private static CatalogPhoto Read(DbDataReader reader)
    {
        var existing = JsonSerializer.Deserialize<string[]>(reader.GetString(15)) ?? [];
        return new CatalogPhoto
        {
            Id = reader.GetInt64(0),
            Hash = new ContentHash((byte[])reader[1]),
            Format = CatalogValues.ParseFormat(reader.GetString(2)),
            Size = reader.GetInt64(3),
            AddedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            Width = reader.IsDBNull(5) ? null : reader.GetInt32(5),
            Height = reader.IsDBNull(6) ? null : reader.GetInt32(6),
            TakenAt = reader.IsDBNull(7) ? null : CatalogValues.ParseStamp(reader.GetString(7)),
            TakenOffset = reader.IsDBNull(8) ? null : CatalogValues.ParseOffset(reader.GetString(8)),
            CameraMake = reader.IsDBNull(9) ? null : reader.GetString(9),
            CameraModel = reader.IsDBNull(10) ? null : reader.GetString(10),
            Lens = reader.IsDBNull(11) ? null : reader.GetString(11),
            Latitude = reader.IsDBNull(12) ? null : reader.GetDouble(12),
            Longitude = reader.IsDBNull(13) ? null : reader.GetDouble(13),
            Altitude = reader.IsDBNull(14) ? null : reader.GetDouble(14),
            Paths = existing.Length > 0 ? existing : JsonSerializer.Deserialize<string[]>(reader.GetString(16)) ?? [],
            IsMissing = existing.Length == 0,
        };
    }
}
