using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Shoebox.Core;

namespace Shoebox.Catalog.Stores;

/// <summary>
/// The models a library knows and their vectors, one per photo and model (float16). Where the database searches
/// vectors itself (PostgreSQL with pgvector) it also answers nearest-vector queries; otherwise the vectors are loaded
/// into an index in the process (the embedded default).
/// </summary>
public sealed class VectorStore
{
    private readonly CatalogSession _session;

    internal VectorStore(CatalogSession session) => _session = session;

    /// <summary>Whether the database answers nearest-vector queries itself (<see cref="NearestAsync"/>).</summary>
    public bool SearchedInDatabase => _session.Dialect is PostgresDialect;

    /// <summary>
    /// Records a model's identity (and how it was made) before its first vector is stored; where the database searches
    /// vectors itself, also makes the model's vector index, so that it grows with the vectors instead of being built
    /// over all of them at the first search.
    /// </summary>
    public async Task RegisterModelAsync(ModelIdentity model, object details)
    {
        ArgumentNullException.ThrowIfNull(model);
        await _session.ExecuteAsync(
            """
            INSERT INTO models (id, version, dimensions, details) VALUES (@id, @version, @dims, @details)
            ON CONFLICT (id) DO UPDATE SET details = excluded.details
            """,
            c =>
            {
                c.Bind("@id", model.Key);
                c.Bind("@version", model.Version);
                c.Bind("@dims", model.Dimensions);
                c.Bind("@details", JsonSerializer.Serialize(details));
            });
        await EnsureIndexAsync(model);
    }

    public Task SaveAsync(long photoId, ModelIdentity model, ReadOnlySpan<float> vector)
    {
        var value = _session.Dialect.VectorValue(vector);
        return _session.ExecuteAsync(
            """
            INSERT INTO embeddings (photo_id, model_id, vector, created_at) VALUES (@photo, @model, @vector, @at)
            ON CONFLICT (photo_id, model_id) DO UPDATE SET vector = excluded.vector, created_at = excluded.created_at
            """,
            c =>
            {
                c.Bind("@photo", photoId);
                c.Bind("@model", model.Key);
                c.Bind("@vector", value);
                c.Bind("@at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            });
    }

    /// <summary>The stored vectors of these photos (those that have one), by photo id.</summary>
    public async Task<Dictionary<long, float[]>> LoadAsync(ModelIdentity model, IReadOnlyCollection<long> photoIds) =>
        (await _session.ListAsync(
            $"SELECT photo_id, vector FROM embeddings WHERE model_id = @model AND {_session.Dialect.InList("photo_id", "@ids")}",
            c =>
            {
                c.Bind("@model", model.Key);
                c.Bind("@ids", _session.Dialect.ListValue(photoIds));
            },
            r => (Id: r.GetInt64(0), Vector: _session.Dialect.ReadVector(r, 1))))
        .ToDictionary(row => row.Id, row => row.Vector);

    /// <summary>Every stored vector of one model, by photo id.</summary>
    public async Task<Dictionary<long, float[]>> LoadAllAsync(ModelIdentity model)
    {
        var vectors = new Dictionary<long, float[]>();
        await foreach (var (id, vector) in ReadAllAsync(model))
        {
            vectors[id] = vector;
        }
        return vectors;
    }

    /// <summary>
    /// Every stored vector of the model, streamed: rebuilding an index of a million photos must not hold them twice,
    /// and one pass over the table is far quicker than looking them up.
    /// </summary>
    public IAsyncEnumerable<(long PhotoId, float[] Vector)> ReadAllAsync(ModelIdentity model, CancellationToken cancellationToken = default) =>
        _session.StreamAsync(
            "SELECT photo_id, vector FROM embeddings WHERE model_id = @model",
            c => c.Bind("@model", model.Key),
            r => (r.GetInt64(0), _session.Dialect.ReadVector(r, 1)),
            cancellationToken);

    /// <summary>
    /// Every model the library knows, with the source it was run from (a registry id or a folder, when the run that
    /// registered it said) and how many photos with a location that exists have its vectors.
    /// </summary>
    public Task<List<StoredModel>> ListModelsAsync() => _session.ListAsync(
        $"""
        SELECT m.id, {_session.Dialect.JsonText("m.details", "source")},
            (SELECT count(*) FROM embeddings e WHERE e.model_id = m.id
                AND {LocationSql.Exists("e.photo_id")})
        FROM models m ORDER BY m.id
        """,
        null,
        r => new StoredModel(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture)));

    /// <summary>Photos with a vector of this model and a location that exists: what the vector index should hold.</summary>
    public Task<List<long>> ListSearchableAsync(ModelIdentity model) => _session.ListAsync(
        $"""
        SELECT e.photo_id FROM embeddings e WHERE e.model_id = @model AND {LocationSql.Exists("e.photo_id")}
        """,
        c => c.Bind("@model", model.Key),
        r => r.GetInt64(0));

    /// <summary>Makes the model's vector index in the database if it has none yet; nothing where <see cref="SearchedInDatabase"/> is false.</summary>
    /// <remarks>Building over vectors already stored takes a while (minutes at a million) and holds back writes of vectors meanwhile.</remarks>
    public Task EnsureIndexAsync(ModelIdentity model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return SearchedInDatabase ? PostgresVectorSearch.EnsureIndexAsync(_session, model) : Task.CompletedTask;
    }

    /// <summary>
    /// The <paramref name="k"/> searchable photos (with a vector of the model and a location that exists) most similar
    /// to <paramref name="query"/>, best first, equal scores by photo id. Only photos in <paramref name="among"/> when
    /// it is given, never those in <paramref name="excluded"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The catalog is the embedded one (<see cref="SearchedInDatabase"/> is false).</exception>
    public Task<List<VectorMatch>> NearestAsync(
        ModelIdentity model, ReadOnlyMemory<float> query, int k, IReadOnlyCollection<long>? among = null, IReadOnlyCollection<long>? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (query.Length != model.Dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions; {model.Id} needs {model.Dimensions}.", nameof(query));
        }
        if (!SearchedInDatabase)
        {
            throw new NotSupportedException("The embedded catalog keeps no vector index; search its vectors in the process.");
        }
        return among is { Count: 0 } ? Task.FromResult(new List<VectorMatch>()) : PostgresVectorSearch.NearestAsync(_session, model, query, k, among, excluded ?? []);
    }
}
