using System.Security.Cryptography;
using System.Text;
using Shoebox.Core;

namespace Shoebox.Catalog;

/// <summary>
/// Nearest vectors asked of PostgreSQL: one HNSW index per model (pgvector), each a partial index on
/// (vector::halfvec(N)) WHERE model_id = the model, since the table holds every model's vectors at their own length.
/// </summary>
/// <remarks>
/// A query uses the index only when it orders by that very expression and its WHERE names the model as a literal
/// (a parameter would not prove the index's predicate to a generic plan). Ordering by the column itself
/// (vector &lt;=&gt; query, no cast) matches no index: that is how the exact scan over a few allowed photos is asked for.
/// Filters are applied after the index hands up candidates; pgvector 0.8's iterative scan goes on through the graph
/// until enough pass, in relaxed order (better recall), so the rows are sorted again outside.
/// </remarks>
public static class PostgresVectorSearch
{
    /// <summary>Graph links per node and build breadth: pgvector's defaults, which its documentation measures.</summary>
    public const int M = 16;
    public const int EfConstruction = 64;

    /// <summary>Candidates a search keeps, at least k: the embedded graph's default breadth.</summary>
    public const int EfSearch = 128;

    // pgvector's ceiling for hnsw.ef_search.
    private const int MaxEfSearch = 1000;

    // Rows an iterative scan may visit before it gives up; a filter that leaves so few photos that the graph would
    // have to be walked further is answered by the exact scan instead.
    private const int MaxScanTuples = 40_000;

    /// <summary>Allowed sets up to this size are scanned exactly (by primary key) rather than through the graph.</summary>
    public const int ExactScanUpTo = 10_000;

    internal static string IndexName(ModelIdentity model) =>
        "embeddings_hnsw_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(model.Key)))[..16];

    /// <summary>Creates the model's index unless it exists; the first catalog to get here builds it, the others wait.</summary>
    internal static async Task EnsureIndexAsync(CatalogSession session, ModelIdentity model)
    {
        var name = IndexName(model);
        if (await session.ScalarAsync($"SELECT to_regclass('{name}') IS NOT NULL") is true)
        {
            return;
        }
        await session.AtomicAsync(async () =>
        {
            await session.ExecuteAsync($"SELECT pg_advisory_xact_lock(hashtext('{name}'))");
            await using var create = session.Create($"""
                CREATE INDEX IF NOT EXISTS {name} ON embeddings
                USING hnsw ((vector::halfvec({model.Dimensions})) halfvec_cosine_ops) WITH (m = {M}, ef_construction = {EfConstruction})
                WHERE model_id = {Literal(model.Key)}
                """);
            create.CommandTimeout = 0; // minutes over a million vectors already stored
            await session.GuardAsync(() => create.ExecuteNonQueryAsync());
        });
    }

    /// <summary>
    /// The <paramref name="k"/> searchable photos (a vector of the model, a location that exists) nearest to
    /// <paramref name="query"/>, best first, equal scores by id; only those in <paramref name="among"/> when given,
    /// never those in <paramref name="excluded"/>.
    /// </summary>
    internal static async Task<List<VectorMatch>> NearestAsync(
        CatalogSession session, ModelIdentity model, ReadOnlyMemory<float> query, int k,
        IReadOnlyCollection<long>? among, IReadOnlyCollection<long> excluded)
    {
        var vector = session.Dialect.VectorValue(query.Span);
        if (among is { Count: <= ExactScanUpTo })
        {
            return await RunAsync(session, model, vector, k, among, excluded, exact: true);
        }
        var found = await RunAsync(session, model, vector, k, among, excluded, exact: false);
        // An iterative scan that reached its limit before k passed the filter: the exact scan finds the rest.
        return found.Count < k && among is not null ? await RunAsync(session, model, vector, k, among, excluded, exact: true) : found;
    }

    private static Task<List<VectorMatch>> RunAsync(
        CatalogSession session, ModelIdentity model, object vector, int k,
        IReadOnlyCollection<long>? among, IReadOnlyCollection<long> excluded, bool exact) => session.AtomicAsync(async () =>
    {
        if (!exact)
        {
            // Settings local to this transaction.
            await session.ExecuteAsync($"""
                SELECT set_config('hnsw.ef_search', '{Math.Clamp(k, EfSearch, MaxEfSearch)}', true),
                       set_config('hnsw.iterative_scan', 'relaxed_order', true),
                       set_config('hnsw.max_scan_tuples', '{MaxScanTuples}', true)
                """);
        }
        // Cosine distance is 1 - cosine; the vectors are unit length, so the cosine is their dot product.
        return await session.ListAsync(
            QuerySql(model, exact, among is not null, excluded.Count > 0),
            c =>
            {
                c.Bind("@query", vector);
                c.Bind("@k", k);
                if (among is not null)
                {
                    c.Bind("@among", among.ToArray());
                }
                if (excluded.Count > 0)
                {
                    c.Bind("@excluded", excluded.ToArray());
                }
            },
            r => new VectorMatch(r.GetInt64(0), (float)(1 - r.GetDouble(1))));
    });

    /// <summary>The query, with @query, @k, and @among and @excluded when they apply.</summary>
    internal static string QuerySql(ModelIdentity model, bool exact, bool among, bool excluded)
    {
        var distance = exact ? "e.vector <=> @query" : $"e.vector::halfvec({model.Dimensions}) <=> @query::halfvec({model.Dimensions})";
        var where = new StringBuilder($"e.model_id = {Literal(model.Key)}");
        where.Append(" AND ").Append(LocationSql.Exists("e.photo_id"));
        if (among)
        {
            where.Append(" AND e.photo_id = ANY(@among)");
        }
        if (excluded)
        {
            where.Append(" AND NOT (e.photo_id = ANY(@excluded))");
        }
        return $"""
            WITH nearest AS MATERIALIZED (
                SELECT e.photo_id, {distance} AS distance FROM embeddings e
                WHERE {where}
                ORDER BY distance LIMIT @k)
            SELECT photo_id, distance FROM nearest ORDER BY distance, photo_id
            """;
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
