using System.Globalization;
using System.Text;
using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Tests.Catalog;

/// <summary>Nearest photos asked of PostgreSQL (pgvector), against the exact answer worked out here.</summary>
[Tier(Tier.Database)]
public sealed class VectorSearchTests : IDisposable
{
    private static readonly ModelIdentity Model = new("test-model", "1", 16);

    private readonly PostgresEngine _engine = new();
    private readonly Dictionary<long, float[]> _vectors = [];

    public void Dispose() => _engine.Dispose();

    // Photos 1..count, each with a location that exists and a unit vector in one of 16 clusters (axis i % 16 plus noise).
    private async Task AddPhotosAsync(int count, int seed = 7)
    {
        await using (var catalog = await _engine.OpenAsync())
        {
            await catalog.Vectors.RegisterModelAsync(Model, new { source = "test" });
        }
        var random = new Random(seed);
        using var connection = _engine.Connect();
        for (var start = 1; start <= count; start += 500)
        {
            var photos = new StringBuilder("INSERT INTO photos (id, hash, size, format, added_at) VALUES ");
            var locations = new StringBuilder("INSERT INTO locations (path, root, photo_id, size, mtime, first_seen, last_seen, status) VALUES ");
            var embeddings = new StringBuilder("INSERT INTO embeddings (photo_id, model_id, vector, created_at) VALUES ");
            for (var id = start; id < Math.Min(start + 500, count + 1); id++)
            {
                var separator = id == start ? "" : ",";
                var values = Enumerable.Range(0, 16).Select(d => (d == id % 16 ? 3f : 0f) + (float)random.NextDouble()).ToArray();
                var norm = MathF.Sqrt(values.Sum(v => v * v));
                // The catalog keeps float16; the reference works on the same rounded values.
                var stored = values.Select(v => (float)(Half)(v / norm)).ToArray();
                _vectors[id] = stored;
                photos.Append(CultureInfo.InvariantCulture, $"{separator}({id}, int8send({id}), 1, 'jpeg', 0)");
                locations.Append(CultureInfo.InvariantCulture, $"{separator}('/p/{id}.jpg', '/p', {id}, 1, 0, 0, 0, 'ok')");
                embeddings.Append(CultureInfo.InvariantCulture,
                    $"{separator}({id}, '{Model.Key}', '[{string.Join(",", stored.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}]', 0)");
            }
            foreach (var sql in new[] { photos, locations, embeddings })
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql.ToString();
                command.ExecuteNonQuery();
            }
        }
    }

    private static float[] Query(int cluster)
    {
        var values = Enumerable.Range(0, 16).Select(d => d == cluster ? 2f : d == (cluster + 1) % 16 ? 1f : 0.2f).ToArray();
        var norm = MathF.Sqrt(values.Sum(v => v * v));
        return [.. values.Select(v => v / norm)];
    }

    private List<long> Exact(float[] query, int k, Func<long, bool>? passes = null) =>
        [.. _vectors.Where(v => passes?.Invoke(v.Key) ?? true)
            .Select(v => (Id: v.Key, Score: v.Value.Select((x, i) => (double)x * query[i]).Sum()))
            .OrderByDescending(v => v.Score).ThenBy(v => v.Id)
            .Take(k).Select(v => v.Id)];

    private static double Recall(IEnumerable<long> found, List<long> exact) => found.Intersect(exact).Count() / (double)exact.Count;

    [Fact]
    public async Task NearestPhotos_NoFilter_FindsTheExactNeighboursBestFirst()
    {
        await AddPhotosAsync(3000);
        await using var catalog = await _engine.OpenAsync();

        foreach (var cluster in new[] { 0, 5, 11 })
        {
            var query = Query(cluster);
            var found = await catalog.Vectors.NearestAsync(Model, query, 10);

            Assert.Equal(10, found.Count);
            Assert.True(Recall(found.Select(f => f.PhotoId), Exact(query, 10)) >= 0.9, $"cluster {cluster}");
            Assert.Equal(found.OrderByDescending(f => f.Score).ThenBy(f => f.PhotoId), found);
            foreach (var match in found)
            {
                // The score is the cosine, as the embedded index reports it (the query goes over at float16).
                var dot = _vectors[match.PhotoId].Select((x, i) => x * query[i]).Sum();
                Assert.InRange(match.Score, dot - 2e-3f, dot + 2e-3f);
            }
        }
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task NearestQuery_UsesTheModelsHnswIndexUnlessExact(bool exact, bool usesIndex)
    {
        await AddPhotosAsync(2000);
        var name = PostgresVectorSearch.IndexName(Model);
        using var connection = _engine.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN " + PostgresVectorSearch.QuerySql(Model, exact, among: true, excluded: false);
        command.Parameters.AddWithValue("query", new Pgvector.HalfVector(Query(3).Select(v => (Half)v).ToArray()));
        command.Parameters.AddWithValue("k", 10);
        command.Parameters.AddWithValue("among", Enumerable.Range(1, 1500).Select(i => (long)i).ToArray());
        var plan = new StringBuilder();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.AppendLine(reader.GetString(0));
            }
        }

        Assert.True(_engine.Query($"SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = '{name}' AND indexdef LIKE '%hnsw%')") is true);
        Assert.True(plan.ToString().Contains($"Index Scan using {name}", StringComparison.Ordinal) == usesIndex, plan.ToString());
    }

    [Fact]
    public async Task NearestPhotos_SelectiveFilter_ReturnsExactlyTheBestAllowed()
    {
        await AddPhotosAsync(3000);
        await using var catalog = await _engine.OpenAsync();
        // Photos of other clusters than the query's: the graph would have to be walked far to reach them.
        var allowed = Enumerable.Range(1, 3000).Where(id => id % 16 == 9).Take(60).Select(id => (long)id).ToHashSet();
        var query = Query(2);

        var found = await catalog.Vectors.NearestAsync(Model, query, 20, allowed);

        Assert.Equal(Exact(query, 20, allowed.Contains), found.Select(f => f.PhotoId));
    }

    [Fact]
    public async Task NearestPhotos_BroadFilterAndExclusions_KeepsToThemThroughTheIndex()
    {
        await AddPhotosAsync(12_000);
        await using var catalog = await _engine.OpenAsync();
        // Over the exact-scan limit, so the graph is walked with the filter applied (iterative scan).
        var allowed = Enumerable.Range(1, 12_000).Where(id => id % 7 != 0).Select(id => (long)id).ToHashSet();
        var query = Query(4);
        var best = Exact(query, 5, allowed.Contains);
        long[] excluded = [best[0], best[1]];

        var found = await catalog.Vectors.NearestAsync(Model, query, 100, allowed, excluded);

        Assert.Equal(100, found.Count);
        Assert.All(found, f => Assert.Contains(f.PhotoId, allowed));
        Assert.DoesNotContain(found, f => excluded.Contains(f.PhotoId));
        Assert.True(Recall(found.Select(f => f.PhotoId), Exact(query, 100, id => allowed.Contains(id) && !excluded.Contains(id))) >= 0.9);
    }

    [Fact]
    public async Task NearestPhotos_PhotoWithoutExistingLocation_IsLeftOut()
    {
        await AddPhotosAsync(500);
        var query = Query(6);
        var best = Exact(query, 1)[0];
        _engine.Query($"UPDATE locations SET status = 'missing' WHERE photo_id = {best}");
        await using var catalog = await _engine.OpenAsync();

        var found = await catalog.Vectors.NearestAsync(Model, query, 10);

        Assert.DoesNotContain(best, found.Select(f => f.PhotoId));
        // Near-equal scores may swap places: the query goes over at float16.
        Assert.Equal(Exact(query, 11).Skip(1).Order(), found.Select(f => f.PhotoId).Order());
    }

    [Fact]
    public async Task EnsureVectorIndex_CatalogFilledWithoutIt_BuildsItOverTheStoredVectors()
    {
        await AddPhotosAsync(1000);
        var name = PostgresVectorSearch.IndexName(Model);
        _engine.Query($"DROP INDEX {name}");
        await using var catalog = await _engine.OpenAsync();

        await catalog.Vectors.EnsureIndexAsync(Model);
        await catalog.Vectors.EnsureIndexAsync(Model);

        Assert.True(_engine.Query($"SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = '{name}')") is true);
        var query = Query(8);
        Assert.True(Recall((await catalog.Vectors.NearestAsync(Model, query, 10)).Select(f => f.PhotoId), Exact(query, 10)) >= 0.9);
    }

    [Fact]
    public async Task NearestPhotos_OnTheEmbeddedCatalog_IsNotOffered()
    {
        using var sqlite = new SqliteEngine();
        await using var catalog = await sqlite.OpenAsync();

        Assert.False(catalog.Vectors.SearchedInDatabase);
        await Assert.ThrowsAsync<NotSupportedException>(async () => await catalog.Vectors.NearestAsync(Model, Query(0), 10));
    }
}
