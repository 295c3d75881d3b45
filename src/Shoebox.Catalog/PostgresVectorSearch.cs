using System.Data.Common;
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
    internal static void EnsureIndex(DbConnection connection, ModelIdentity model)
    {
        var name = IndexName(model);
        if (connection.Scalar($"SELECT to_regclass('{name}') IS NOT NULL") is true)
        {
            return;
        }
        using var transaction = connection.BeginTransaction();
        connection.Execute($"SELECT pg_advisory_xact_lock(hashtext('{name}'))", transaction);
        using var create = connection.CreateCommand();
        create.Transaction = transaction;
        create.CommandTimeout = 0; // minutes over a million vectors already stored
        create.CommandText = $"""
            CREATE INDEX IF NOT EXISTS {name} ON embeddings
            USING hnsw ((vector::halfvec({model.Dimensions})) halfvec_cosine_ops) WITH (m = {M}, ef_construction = {EfConstruction})
            WHERE model_id = {Literal(model.Key)}
            """;
        create.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>
    /// The <paramref name="k"/> searchable photos (a vector of the model, a location that exists) nearest to
    /// <paramref name="query"/>, best first, equal scores by id; only those in <paramref name="among"/> when given,
    /// never those in <paramref name="excluded"/>.
    /// </summary>
    internal static List<VectorMatch> Nearest(
        DbConnection connection, SqlDialect dialect, ModelIdentity model, ReadOnlySpan<float> query, int k,
        IReadOnlyCollection<long>? among, IReadOnlyCollection<long> excluded)
    {
        var vector = dialect.VectorValue(query);
        if (among is { Count: <= ExactScanUpTo })
        {
            return Run(connection, model, vector, k, among, excluded, exact: true);
        }
        var found = Run(connection, model, vector, k, among, excluded, exact: false);
        // An iterative scan that reached its limit before k passed the filter: the exact scan finds the rest.
        return found.Count < k && among is not null ? Run(connection, model, vector, k, among, excluded, exact: true) : found;
    }

    private static List<VectorMatch> Run(
        DbConnection connection, ModelIdentity model, object vector, int k,
        IReadOnlyCollection<long>? among, IReadOnlyCollection<long> excluded, bool exact)
    {
        using var transaction = connection.BeginTransaction();
        if (!exact)
        {
            connection.Execute($"""
                SELECT set_config('hnsw.ef_search', '{Math.Clamp(k, EfSearch, MaxEfSearch)}', true),
                       set_config('hnsw.iterative_scan', 'relaxed_order', true),
                       set_config('hnsw.max_scan_tuples', '{MaxScanTuples}', true)
                """, transaction);
        }
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = QuerySql(model, exact, among is not null, excluded.Count > 0);
        command.Bind("@query", vector);
        command.Bind("@k", k);
        if (among is not null)
        {
            command.Bind("@among", among.ToArray());
        }
        if (excluded.Count > 0)
        {
            command.Bind("@excluded", excluded.ToArray());
        }
        var matches = new List<VectorMatch>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                // Cosine distance is 1 - cosine; the vectors are unit length, so the cosine is their dot product.
                matches.Add(new VectorMatch(reader.GetInt64(0), (float)(1 - reader.GetDouble(1))));
            }
        }
        transaction.Commit();
        return matches;
    }

    /// <summary>The query, with @query, @k, and @among and @excluded when they apply.</summary>
    internal static string QuerySql(ModelIdentity model, bool exact, bool among, bool excluded)
    {
        var distance = exact ? "e.vector <=> @query" : $"e.vector::halfvec({model.Dimensions}) <=> @query::halfvec({model.Dimensions})";
        var where = new StringBuilder($"e.model_id = {Literal(model.Key)}");
        where.Append(" AND EXISTS (SELECT 1 FROM locations l WHERE l.photo_id = e.photo_id AND l.status = 'ok')");
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
