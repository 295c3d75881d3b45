using System.Data.Common;
using System.Text.Json;
using Shoebox.Core;

namespace Shoebox.Catalog;

/// <summary>The reads behind search: filters, full text, photos by id, vectors.</summary>
public sealed partial class PhotoCatalog
{
    private string PhotoColumns => $"""
        p.id, p.hash, p.format, p.size, p.added_at, p.width, p.height, p.taken_at, p.taken_offset, p.camera_make,
        p.camera_model, p.lens, p.latitude, p.longitude, p.altitude,
        {_dialect.JsonArray("path", "locations", "photo_id = p.id AND status = 'ok'", "first_seen, path")},
        {_dialect.JsonArray("path", "locations", "photo_id = p.id", "last_seen DESC, id")}
        """;

    /// <summary>Ids of every photo that passes the filter.</summary>
    public HashSet<long> FilterPhotos(PhotoFilter filter) => Guard(() =>
    {
        using var command = Command("");
        command.CommandText = $"SELECT p.id FROM photos p WHERE {PhotoFilterSql.Where(filter, command, _dialect)}";
        return new HashSet<long>(ReadIds(command));
    });

    /// <summary>A page of the photos that pass the filter and are not <paramref name="excluded"/>, by taken time (photos without one last) or at random.</summary>
    public List<long> ListPhotos(PhotoFilter filter, PhotoOrder order, int offset, int limit, IReadOnlyCollection<long>? excluded = null) => Guard(() =>
    {
        if (order == PhotoOrder.Random && SampleRandomly(filter, limit, excluded) is { } sample)
        {
            return sample;
        }
        var orderBy = order switch
        {
            PhotoOrder.Newest => "p.taken_at IS NULL, p.taken_at DESC, p.id DESC",
            PhotoOrder.Oldest => "p.taken_at IS NULL, p.taken_at, p.id",
            _ => "random()",
        };
        return SelectPhotos(filter, excluded, candidates: null, $"ORDER BY {orderBy} LIMIT {limit} OFFSET {offset}");
    });

    // Sorting the whole library by random() reads every row (0.6 s at a million photos); drawing a few times as many
    // random ids as needed and keeping those that exist and pass reads a handful. Null when too few passed (a
    // selective filter, or many ids gone): then the full shuffle it is.
    private List<long>? SampleRandomly(PhotoFilter filter, int limit, IReadOnlyCollection<long>? excluded)
    {
        if (_connection.Scalar("SELECT max(id) FROM photos") is not long maxId || maxId < limit * 8L)
        {
            return null;
        }
        var draws = new HashSet<long>();
        while (draws.Count < limit * 4)
        {
            draws.Add(Random.Shared.NextInt64(1, maxId + 1));
        }
        var picked = SelectPhotos(filter, excluded, draws, $"ORDER BY random() LIMIT {limit}");
        return picked.Count == limit ? picked : null;
    }

    private List<long> SelectPhotos(PhotoFilter filter, IReadOnlyCollection<long>? excluded, IReadOnlyCollection<long>? candidates, string tail)
    {
        using var command = Command("");
        var sql = new System.Text.StringBuilder($"SELECT p.id FROM photos p WHERE {PhotoFilterSql.Where(filter, command, _dialect)}");
        if (excluded is { Count: > 0 })
        {
            sql.Append($" AND NOT {_dialect.InList("p.id", "@excluded")}");
            command.Bind("@excluded", _dialect.ListValue(excluded));
        }
        if (candidates is not null)
        {
            sql.Append($" AND {_dialect.InList("p.id", "@candidates")}");
            command.Bind("@candidates", _dialect.ListValue(candidates));
        }
        command.CommandText = sql.Append(' ').Append(tail).ToString();
        return ReadIds(command);
    }

    /// <summary>
    /// Photos whose file name, folder names (below the indexed folder) or attached texts contain the terms, best
    /// first. The terms may be spread over the photo's texts (a meme's line read as two lines). With
    /// <paramref name="any"/> one term is enough; otherwise queries of one or two terms need them all, and longer
    /// ones all but the odd misread word (three in five), photos holding every term coming first.
    /// </summary>
    public List<TextMatch> MatchText(IReadOnlyList<TextTerm> terms, int limit, bool any = false) => Guard(() =>
    {
        // Terms without a letter or digit are dropped: the engine's word splitting would make nothing of them.
        var usable = terms.Where(t => t.Text.Any(char.IsLetterOrDigit)).DistinctBy(t => (t.Text.ToUpperInvariant(), t.IsPhrase)).ToList();
        var needed = any ? 1 : usable.Count <= 2 ? usable.Count : (int)Math.Ceiling(usable.Count * 0.6);
        var found = new Dictionary<long, (int Terms, double Rank)>();
        foreach (var term in usable)
        {
            foreach (var (photo, rank) in MatchTerm(term))
            {
                var (count, sum) = found.GetValueOrDefault(photo);
                found[photo] = (count + 1, sum + rank);
            }
        }
        // Ranks are negative, lower is better, and never near 1,000 in size: each missing term ranks a photo below
        // every photo that has one more.
        return found.Where(f => f.Value.Terms >= needed)
            .Select(f => new TextMatch(f.Key, f.Value.Rank + 1000.0 * (usable.Count - f.Value.Terms)))
            .OrderBy(m => m.Rank).ThenBy(m => m.PhotoId)
            .Take(limit)
            .ToList();
    });

    // Each photo holding the term anywhere (a file or folder name, any text), with its best rank.
    private List<(long Photo, double Rank)> MatchTerm(TextTerm term)
    {
        using var command = Command("");
        if (_dialect.TextQuery(command, [term], any: false) is not { } query)
        {
            return [];
        }
        command.CommandText = $"""
            SELECT photo_id, min(rank) FROM (
                {_dialect.NameMatches(query)}
                UNION ALL
                {_dialect.TextMatches(query)}) matches
            GROUP BY photo_id
            """;
        using var reader = command.ExecuteReader();
        var matches = new List<(long, double)>();
        while (reader.Read())
        {
            matches.Add((reader.GetInt64(0), reader.GetDouble(1)));
        }
        return matches;
    }

    /// <summary>The photos with these ids that exist, by id.</summary>
    public Dictionary<long, CatalogPhoto> LoadPhotos(IReadOnlyCollection<long> ids) => Guard(() =>
    {
        using var command = Command($"SELECT {PhotoColumns} FROM photos p WHERE {_dialect.InList("p.id", "@ids")}");
        command.Bind("@ids", _dialect.ListValue(ids));
        using var reader = command.ExecuteReader();
        var photos = new Dictionary<long, CatalogPhoto>();
        while (reader.Read())
        {
            var photo = ReadPhoto(reader);
            photos[photo.Id] = photo;
        }
        return photos;
    });

    /// <summary>The photo's content hash, or null when there is no such photo: all a thumbnail request needs.</summary>
    public string? HashOf(long photoId) => Guard(() =>
    {
        using var command = Command("SELECT hash FROM photos WHERE id = @id");
        command.Bind("@id", photoId);
        return command.ExecuteScalar() is byte[] hash ? Convert.ToHexStringLower(hash) : null;
    });

    public List<CatalogLocation> LoadLocationsOf(long photoId) => Guard(() =>
    {
        using var command = Command("SELECT path, status, last_seen, content FROM locations WHERE photo_id = @id ORDER BY status <> 'ok', first_seen, id");
        command.Bind("@id", photoId);
        using var reader = command.ExecuteReader();
        var locations = new List<CatalogLocation>();
        while (reader.Read())
        {
            locations.Add(new CatalogLocation(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }
        return locations;
    });

    public List<CatalogText> LoadTextsOf(long photoId) => Guard(() =>
    {
        using var command = Command("SELECT kind, source, content FROM texts WHERE photo_id = @id ORDER BY kind, id");
        command.Bind("@id", photoId);
        using var reader = command.ExecuteReader();
        var texts = new List<CatalogText>();
        while (reader.Read())
        {
            texts.Add(new CatalogText(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        return texts;
    });

    /// <summary>Photos with a vector of this model and a location that exists: what the vector index should hold.</summary>
    public List<long> ListSearchable(ModelIdentity model) => Guard(() =>
    {
        using var command = Command("""
            SELECT e.photo_id FROM embeddings e WHERE e.model_id = @model
            AND EXISTS (SELECT 1 FROM locations l WHERE l.photo_id = e.photo_id AND l.status = 'ok')
            """);
        command.Bind("@model", model.Key);
        return ReadIds(command);
    });

    /// <summary>The stored vectors of these photos (those that have one), by photo id.</summary>
    public Dictionary<long, float[]> LoadEmbeddings(ModelIdentity model, IReadOnlyCollection<long> photoIds) => Guard(() =>
    {
        using var command = Command($"SELECT photo_id, vector FROM embeddings WHERE model_id = @model AND {_dialect.InList("photo_id", "@ids")}");
        command.Bind("@model", model.Key);
        command.Bind("@ids", _dialect.ListValue(photoIds));
        using var reader = command.ExecuteReader();
        var vectors = new Dictionary<long, float[]>();
        while (reader.Read())
        {
            vectors[reader.GetInt64(0)] = _dialect.ReadVector(reader, 1);
        }
        return vectors;
    });

    /// <summary>
    /// Hands every stored vector of the model to <paramref name="visit"/>, streaming: rebuilding an index of a
    /// million photos must not hold them twice, and one pass over the table is far quicker than looking them up.
    /// </summary>
    public void ForEachEmbedding(ModelIdentity model, Action<long, float[]> visit) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(visit);
        using var command = Command("SELECT photo_id, vector FROM embeddings WHERE model_id = @model");
        command.Bind("@model", model.Key);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            visit(reader.GetInt64(0), _dialect.ReadVector(reader, 1));
        }
    });

    private static List<long> ReadIds(DbCommand command)
    {
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }
        return ids;
    }

    private static CatalogPhoto ReadPhoto(DbDataReader reader)
    {
        var existing = JsonSerializer.Deserialize<string[]>(reader.GetString(15)) ?? [];
        return new CatalogPhoto
        {
            Id = reader.GetInt64(0),
            Hash = Convert.ToHexStringLower((byte[])reader[1]),
            Format = reader.GetString(2),
            Size = reader.GetInt64(3),
            AddedAtMilliseconds = reader.GetInt64(4),
            Width = reader.IsDBNull(5) ? null : reader.GetInt32(5),
            Height = reader.IsDBNull(6) ? null : reader.GetInt32(6),
            TakenAt = reader.IsDBNull(7) ? null : reader.GetString(7),
            TakenOffset = reader.IsDBNull(8) ? null : reader.GetString(8),
            CameraMake = reader.IsDBNull(9) ? null : reader.GetString(9),
            CameraModel = reader.IsDBNull(10) ? null : reader.GetString(10),
            Lens = reader.IsDBNull(11) ? null : reader.GetString(11),
            Latitude = reader.IsDBNull(12) ? null : reader.GetDouble(12),
            Longitude = reader.IsDBNull(13) ? null : reader.GetDouble(13),
            Altitude = reader.IsDBNull(14) ? null : reader.GetDouble(14),
            Paths = existing.Length > 0 ? existing : JsonSerializer.Deserialize<string[]>(reader.GetString(16)) ?? [],
        };
    }
}
